"""Doc helpers shared by the stages."""

from __future__ import annotations

from hadath.doc import Doc, Entity


def _entity(eid: str, name: str = "x") -> Entity:
    return Entity(eid, "organization", name, None, None, None)


def test_entity_lookup_follows_the_list_as_it_grows_and_is_replaced() -> None:
    doc = Doc("text")
    assert doc.entity(None) is None
    assert doc.entity("e1") is None
    a, b, dup = _entity("e1"), _entity("e2"), _entity("e1", "second")
    doc.entities.append(a)
    assert doc.entity("e1") is a
    doc.entities.extend([b, dup])
    assert doc.entity("e2") is b
    assert doc.entity("e1") is a  # the first entity with the id, as a scan finds it
    doc.entities = [dup]
    assert doc.entity("e1") is dup
    assert doc.entity("e2") is None
    doc.entities.clear()
    assert doc.entity("e1") is None

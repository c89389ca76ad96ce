"""Country names and codes as ACLED writes them.

``resolve_country`` accepts what a gazetteer puts in ``geo.country`` (ISO 3166 alpha-2 or alpha-3, an
English name, ACLED's short name) and returns ACLED's short country name, the ISO codes and ACLED's
region.  The table covers the countries an Arabic news corpus reports on; other countries fall back to
pycountry when it is installed (then with an empty region).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

__all__ = ["Country", "resolve_country"]

# Facts: ISO 3166-1 (alpha-2, alpha-3, numeric); names and regions as used in ACLED exports
# (acleddata.com data export tool, "region" and "country" columns).
_TABLE = """\
SY	SYR	760	Syria	Middle East
IQ	IRQ	368	Iraq	Middle East
IR	IRN	364	Iran	Middle East
IL	ISR	376	Israel	Middle East
PS	PSE	275	Palestine	Middle East
LB	LBN	422	Lebanon	Middle East
JO	JOR	400	Jordan	Middle East
SA	SAU	682	Saudi Arabia	Middle East
YE	YEM	887	Yemen	Middle East
OM	OMN	512	Oman	Middle East
AE	ARE	784	United Arab Emirates	Middle East
QA	QAT	634	Qatar	Middle East
BH	BHR	48	Bahrain	Middle East
KW	KWT	414	Kuwait	Middle East
TR	TUR	792	Turkey	Middle East
EG	EGY	818	Egypt	Northern Africa
LY	LBY	434	Libya	Northern Africa
TN	TUN	788	Tunisia	Northern Africa
DZ	DZA	12	Algeria	Northern Africa
MA	MAR	504	Morocco	Northern Africa
SD	SDN	729	Sudan	Northern Africa
EH	ESH	732	Western Sahara	Northern Africa
MR	MRT	478	Mauritania	Western Africa
ML	MLI	466	Mali	Western Africa
NE	NER	562	Niger	Western Africa
NG	NGA	566	Nigeria	Western Africa
TD	TCD	148	Chad	Middle Africa
SS	SSD	728	South Sudan	Eastern Africa
SO	SOM	706	Somalia	Eastern Africa
DJ	DJI	262	Djibouti	Eastern Africa
ER	ERI	232	Eritrea	Eastern Africa
ET	ETH	231	Ethiopia	Eastern Africa
KE	KEN	404	Kenya	Eastern Africa
UG	UGA	800	Uganda	Eastern Africa
KM	COM	174	Comoros	Eastern Africa
AF	AFG	4	Afghanistan	South Asia
PK	PAK	586	Pakistan	South Asia
IN	IND	356	India	South Asia
AM	ARM	51	Armenia	Caucasus and Central Asia
AZ	AZE	31	Azerbaijan	Caucasus and Central Asia
GE	GEO	268	Georgia	Caucasus and Central Asia
RU	RUS	643	Russia	Europe
UA	UKR	804	Ukraine	Europe
GB	GBR	826	United Kingdom	Europe
FR	FRA	250	France	Europe
DE	DEU	276	Germany	Europe
CY	CYP	196	Cyprus	Europe
US	USA	840	United States	North America
CN	CHN	156	China	East Asia
MM	MMR	104	Myanmar	Southeast Asia
"""


@dataclass(frozen=True, slots=True)
class Country:
    iso2: str
    iso3: str
    numeric: int
    name: str
    region: str


@lru_cache(maxsize=1)
def _index() -> dict[str, Country]:
    out: dict[str, Country] = {}
    for line in _TABLE.splitlines():
        iso2, iso3, num, name, region = line.split("\t")
        c = Country(iso2, iso3, int(num), name, region)
        for key in (iso2, iso3, name):
            out[key.casefold()] = c
    return out


@lru_cache(maxsize=4096)
def resolve_country(value: str | None) -> Country | None:
    """The country named or coded by ``value``, or None when it is unknown."""
    if not value or not value.strip():
        return None
    key = value.strip().casefold()
    hit = _index().get(key)
    if hit is not None:
        return hit
    try:
        import pycountry
    except ImportError:  # pragma: no cover - pycountry is optional
        return None
    try:
        pc = pycountry.countries.lookup(value.strip())
    except LookupError:
        return None
    name = getattr(pc, "common_name", None) or pc.name
    return Country(pc.alpha_2, pc.alpha_3, int(pc.numeric), str(name), "")

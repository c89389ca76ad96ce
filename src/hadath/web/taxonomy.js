// Generated from hadath.taxonomy and hadath.store.EventFilter by scripts/gen_taxonomy.py: do not edit.

/** ACLED's event types, in the codebook's order. */
export const EVENT_TYPES = [
  "Battles",
  "Explosions/Remote violence",
  "Violence against civilians",
  "Protests",
  "Riots",
  "Strategic developments"
];

/** ACLED's sub-event types of each event type, in the codebook's order. */
export const SUB_EVENT_TYPES = {
  "Battles": [
    "Armed clash",
    "Government regains territory",
    "Non-state actor overtakes territory"
  ],
  "Explosions/Remote violence": [
    "Chemical weapon",
    "Air/drone strike",
    "Suicide bomb",
    "Shelling/artillery/missile attack",
    "Remote explosive/landmine/IED",
    "Grenade"
  ],
  "Violence against civilians": [
    "Sexual violence",
    "Attack",
    "Abduction/forced disappearance"
  ],
  "Protests": [
    "Peaceful protest",
    "Protest with intervention",
    "Excessive force against protesters"
  ],
  "Riots": [
    "Violent demonstration",
    "Mob violence"
  ],
  "Strategic developments": [
    "Agreement",
    "Arrests",
    "Change to group/activity",
    "Disrupted weapons use",
    "Headquarters or base established",
    "Looting/property destruction",
    "Non-violent transfer of territory",
    "Other"
  ]
};

/** The event filters: the query parameters of GET /v1/events. */
export const FILTER_KEYS = [
  "since",
  "until",
  "country",
  "admin1",
  "event_type",
  "sub_event_type",
  "actor",
  "bbox",
  "cluster_id",
  "article_id",
  "updated_since"
];

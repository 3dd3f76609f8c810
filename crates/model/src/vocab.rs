//! The closed vocabularies of DESIGN.md "Identifiers", as enums whose string form is the id.
//!
//! One macro defines each enum with its ids so that `as_str`, `FromStr`, `Display` and serde
//! can never disagree.

use serde::{Deserialize, Serialize};

/// Error for an id that is not in a vocabulary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownId {
    /// Which vocabulary.
    pub vocabulary: &'static str,
    /// The id that was given.
    pub given: String,
    /// The ids that are allowed.
    pub allowed: &'static [&'static str],
}

impl std::fmt::Display for UnknownId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "unknown {} {:?}: use one of {}",
            self.vocabulary,
            self.given,
            self.allowed.join(", ")
        )
    }
}

impl std::error::Error for UnknownId {}

macro_rules! vocabulary {
    (
        $(#[$meta:meta])*
        $name:ident ($label:literal) default $default:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $id:literal, )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[non_exhaustive]
        pub enum $name {
            $(
                $(#[$vmeta])*
                #[serde(rename = $id)]
                $variant,
            )+
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            /// Every id, in declaration order.
            pub const IDS: &'static [&'static str] = &[$($id),+];

            /// The DESIGN.md identifier.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $id,)+
                }
            }
        }

        impl std::str::FromStr for $name {
            type Err = UnknownId;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s {
                    $($id => Ok($name::$variant),)+
                    _ => Err(UnknownId { vocabulary: $label, given: s.to_string(), allowed: Self::IDS }),
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl Default for $name {
            fn default() -> Self {
                $name::$default
            }
        }
    };
}

vocabulary! {
    /// What a source does with what it reports.
    Stance("stance") default Asserts {
        /// States it as fact.
        Asserts = "asserts",
        /// Hedged: indicates, suggests, believes.
        Suggests = "suggests",
        /// Confirms on the record (typically the actor itself).
        Confirms = "confirms",
        /// Negates a specific proposition.
        Denies = "denies",
        /// Dismisses an accusation or characterisation.
        Rejects = "rejects",
        /// Declines to comment.
        DeclinesToComment = "declines_to_comment",
        /// Did not respond to inquiries.
        NoResponse = "no_response",
    }
}

vocabulary! {
    /// How the content is reported.
    ClaimForm("claim form") default Narration {
        /// The outlet's own unattributed narration.
        Narration = "narration",
        /// A full direct quotation.
        Direct = "direct",
        /// Reported speech.
        Indirect = "indirect",
        /// Reported speech with quoted fragments.
        Mixed = "mixed",
    }
}

vocabulary! {
    /// What sort of source.
    SourceKind("source kind") default Outlet {
        /// The outlet itself (narration, headline).
        Outlet = "outlet",
        /// A person named in the text.
        NamedPerson = "named_person",
        /// A role without a name ("a Pentagon spokesperson").
        OfficialRole = "official_role",
        /// An organisation ("the Navy", "Human Rights Watch").
        Organisation = "organisation",
        /// A place standing for its government ("Caracas", "Washington").
        GovernmentMetonym = "government_metonym",
        /// Unnamed sources ("two sources", "officials familiar with…").
        Anonymous = "anonymous",
        /// A document ("a report", "court filings").
        Document = "document",
    }
}

vocabulary! {
    /// Status of a fact, by precedence: disputed > denied > confirmed > corroborated >
    /// single_source > unconfirmed.
    FactStatus("fact status") default Unconfirmed {
        /// Only declines and non-responses, or nothing at all.
        Unconfirmed = "unconfirmed",
        /// One independent source.
        SingleSource = "single_source",
        /// Two or more independent sources.
        Corroborated = "corroborated",
        /// On-record acknowledgement by the actor, or two independent named sources.
        Confirmed = "confirmed",
        /// Only opposition.
        Denied = "denied",
        /// Support and denial both present.
        Disputed = "disputed",
    }
}

vocabulary! {
    /// Incident grade, in Airwars' words.
    IncidentGrade("incident grade") default Weak {
        /// Single source, or only hedged claims.
        Weak = "weak",
        /// Reported by two or more credible independent sources.
        Fair = "fair",
        /// Acknowledged by the actor.
        Confirmed = "confirmed",
        /// Competing claims about who or what.
        Contested = "contested",
        /// Shown not to have happened as reported.
        Discounted = "discounted",
    }
}

vocabulary! {
    /// Whether a mention is about one specific event.
    Specificity("specificity") default Specific {
        /// One event.
        Specific = "specific",
        /// A campaign or series ("multiple interdictions over the past months").
        Aggregate = "aggregate",
        /// A general or legal statement.
        Generic = "generic",
        /// Conditional or future.
        Hypothetical = "hypothetical",
    }
}

vocabulary! {
    /// How precisely a time is known (like UCDP's date_prec).
    TimePrecision("time precision") default Unknown {
        /// Not known.
        Unknown = "unknown",
        /// One day.
        Day = "day",
        /// A window of up to seven days.
        Days = "days",
        /// A week.
        Week = "week",
        /// A month.
        Month = "month",
        /// Several months: a season or quarter.
        Months = "months",
        /// A year.
        Year = "year",
    }
}

vocabulary! {
    /// How precisely a place is known (like ACLED's geo_precision).
    PlacePrecision("place precision") default Unknown {
        /// Not known.
        Unknown = "unknown",
        /// A named place.
        Exact = "exact",
        /// Near a named place, or part of a region.
        Near = "near",
        /// A first-level region.
        Region = "region",
        /// A country.
        Country = "country",
        /// A named sea or ocean area.
        SeaArea = "sea_area",
    }
}

vocabulary! {
    /// Land or sea.
    Setting("setting") default Unknown {
        /// Not known.
        Unknown = "unknown",
        /// On land.
        Land = "land",
        /// Within a country's 12-nautical-mile territorial sea.
        TerritorialSea = "territorial_sea",
        /// Beyond any territorial sea.
        InternationalWaters = "international_waters",
    }
}

vocabulary! {
    /// How a setting was derived.
    SettingDerivation("setting derivation") default TargetType {
        /// From the target type (a dock is on land, a boat at sea).
        TargetType = "target_type",
        /// From land/sea polygons and a coordinate.
        Polygon = "polygon",
        /// Stated in the text ("in international waters").
        Text = "text",
    }
}

vocabulary! {
    /// Event types, aligned with ACLED's "Explosions/Remote violence" and neighbours.
    EventType("event type") default AirOrDroneStrike {
        /// A strike from the air: aircraft, drone, UAV.
        AirOrDroneStrike = "air_or_drone_strike",
        /// A strike on a boat or ship.
        StrikeOnVessel = "strike_on_vessel",
        /// Boarding, stopping or seizing a vessel at sea.
        MaritimeInterdiction = "maritime_interdiction",
        /// Artillery, rockets, missiles.
        ShellingOrMissile = "shelling_or_missile",
        /// A raid on the ground.
        GroundRaid = "ground_raid",
        /// An exchange of fire between armed groups.
        ArmedClash = "armed_clash",
        /// IEDs, landmines, remote explosives.
        RemoteExplosive = "remote_explosive",
        /// Seizures and arrests.
        SeizureOrArrest = "seizure_or_arrest",
        /// An explosion whose cause is unknown.
        ExplosionUnknownCause = "explosion_unknown_cause",
    }
}

vocabulary! {
    /// An attribute of an incident that facts are kept for.
    FactAttribute("fact attribute") default Type {
        /// Event type.
        Type = "type",
        /// Who carried it out.
        Perpetrator = "perpetrator",
        /// Who helped.
        Supporter = "supporter",
        /// Who was targeted.
        TargetActor = "target_actor",
        /// What was hit.
        TargetObject = "target_object",
        /// Where.
        Place = "place",
        /// When.
        Time = "time",
        /// People killed.
        Killed = "killed",
        /// People injured.
        Injured = "injured",
        /// Civilians killed.
        CiviliansKilled = "civilians_killed",
        /// Civilians injured.
        CiviliansInjured = "civilians_injured",
        /// Who acknowledged it on the record.
        AcknowledgedBy = "acknowledged_by",
        /// Who declined to comment.
        DeclinedBy = "declined_by",
        /// Who did not respond.
        NoResponseFrom = "no_response_from",
    }
}

vocabulary! {
    /// Role of an actor in an event.
    ActorRole("actor role") default Perpetrator {
        /// Carried it out.
        Perpetrator = "perpetrator",
        /// Helped (intelligence, logistics).
        Supporter = "supporter",
        /// Was targeted.
        Target = "target",
    }
}

vocabulary! {
    /// Killed or injured.
    CasualtyKind("casualty kind") default Killed {
        /// Killed.
        Killed = "killed",
        /// Injured.
        Injured = "injured",
    }
}

vocabulary! {
    /// Who the casualties were.
    CasualtyGroup("casualty group") default Unknown {
        /// Not stated.
        Unknown = "unknown",
        /// Civilians.
        Civilian = "civilian",
        /// Combatants, fighters, crew of an armed group.
        Combatant = "combatant",
    }
}

vocabulary! {
    /// TIMEX3 type.
    TimexType("timex type") default Date {
        /// A calendar date or period.
        Date = "DATE",
        /// A time of day.
        Time = "TIME",
        /// A length of time.
        Duration = "DURATION",
        /// A recurrence.
        Set = "SET",
    }
}

vocabulary! {
    /// Whether a time expression dates the event or only a statement about it.
    TimeRole("time role") default Event {
        /// Dates the event.
        Event = "event",
        /// Dates the statement ("indicated this week"); bounds the event's latest date.
        Statement = "statement",
        /// Background or unrelated.
        Other = "other",
    }
}

vocabulary! {
    /// Where a publication date came from.
    DateProvenance("date provenance") default None {
        /// Not known.
        None = "none",
        /// JSON-LD `datePublished`.
        JsonLd = "json_ld",
        /// A `<meta>` tag.
        Meta = "meta",
        /// A `<time>` element.
        TimeTag = "time_tag",
        /// A date in the URL.
        Url = "url",
        /// Front matter of a text or Markdown file.
        FrontMatter = "front_matter",
        /// Given on the command line (`--published`).
        Cli = "cli",
    }
}

vocabulary! {
    /// What kind of block a paragraph is.
    ParagraphKind("paragraph kind") default Body {
        /// Body text.
        Body = "body",
        /// The headline.
        Headline = "headline",
        /// A subheading inside the body.
        Subheading = "subheading",
        /// A repeat of the headline or of an earlier paragraph (a copy-paste artifact); analysis
        /// skips it.
        Repeated = "repeated",
    }
}

vocabulary! {
    /// An analyst's review action.
    ReviewAction("review action") default Note {
        /// A note only.
        Note = "note",
        /// Accept a claim or incident.
        Accept = "accept",
        /// Reject a claim or incident.
        Reject = "reject",
        /// Merge two incidents.
        Merge = "merge",
        /// Split an incident.
        Split = "split",
    }
}

vocabulary! {
    /// How resolve changed an incident's identity between two runs.
    IncidentChangeKind("incident change kind") default Merged {
        /// The incident's reports now belong to another incident, whose id survives.
        Merged = "merged",
        /// The incident's reports now form several incidents.
        Split = "split",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn ids_round_trip_through_from_str() {
        for stance in Stance::ALL {
            assert_eq!(Stance::from_str(stance.as_str()), Ok(*stance));
        }
        for kind in EventType::ALL {
            assert_eq!(EventType::from_str(kind.as_str()), Ok(*kind));
        }
    }

    #[test]
    fn unknown_id_lists_the_allowed_ones() {
        let err = Stance::from_str("maybe").err().map(|e| e.to_string()).unwrap_or_default();
        assert!(err.contains("asserts, suggests"), "{err}");
    }

    #[test]
    fn unknown_is_the_default_where_a_vocabulary_has_it() {
        assert_eq!(TimePrecision::default(), TimePrecision::Unknown);
        assert_eq!(PlacePrecision::default(), PlacePrecision::Unknown);
        assert_eq!(DateProvenance::default(), DateProvenance::None);
    }
}

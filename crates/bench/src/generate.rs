//! A generator of analysed reports for measuring resolve at scale.
//!
//! With a fixed seed it writes the same corpus every time: incidents spread over five years
//! (2021–2025) and 150 countries, 30% of them at sea; each reported by about three outlets
//! (one to five reports), and one report in ten a syndicated copy of another report of the same
//! incident (same text but for one word, another publisher). Every report is one
//! [`AnalyzedDocument`] holding one outlet claim and one specific event mention, in the shape
//! analyze produces, so `resolve` sees what it sees in production: texts to shingle, places to
//! compare, times, actors, targets and casualty figures. Texts are drawn from a synthetic
//! vocabulary: they are not news text and must not be read as such.

use chrono::{Duration, NaiveDate};
use corroborate_model::{
    ActorMention, ActorRole, Analysis, AnalyzedDocument, CasualtyGroup, CasualtyKind,
    CasualtyMention, Claim, ClaimForm, ClaimId, DateProvenance, Document, DocumentId, EventMention,
    EventType, MentionId, Paragraph, ParagraphKind, Place, PlacePrecision, Sentence, Setting,
    Source, SourceKind, Span, Specificity, Stance, TargetObject, TimeInterval, TimePrecision,
    PIPELINE_VERSION,
};

/// Countries the generated incidents happen in.
pub const N_COUNTRIES: usize = 150;
/// Named sea areas for incidents at sea.
const N_SEAS: usize = 40;
/// Towns per country.
const TOWNS_PER_COUNTRY: usize = 60;
/// Days in the five years 2021–2025.
const N_DAYS: i64 = 1826;
/// Words per report text.
const WORDS_PER_TEXT: usize = 40;
/// Size of the synthetic vocabulary.
const VOCABULARY: u64 = 20_000;
/// Outlets.
const N_OUTLETS: u64 = 400;
/// Perpetrators to draw from.
const N_ACTORS: u64 = 300;
const TARGETS: [&str; 8] =
    ["vessel", "dock", "vehicle", "house", "checkpoint", "camp", "warehouse", "airstrip"];
const TYPES: [EventType; 9] = [
    EventType::AirOrDroneStrike,
    EventType::StrikeOnVessel,
    EventType::MaritimeInterdiction,
    EventType::ShellingOrMissile,
    EventType::GroundRaid,
    EventType::ArmedClash,
    EventType::RemoteExplosive,
    EventType::SeizureOrArrest,
    EventType::ExplosionUnknownCause,
];

/// splitmix64: small, fast and fully determined by its seed.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator starting from `seed`.
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }
}

/// Where one generated incident happened.
#[derive(Debug, Clone)]
struct Scene {
    event_type: EventType,
    day: NaiveDate,
    place: Place,
    perpetrator: String,
    target: &'static str,
    killed: u32,
}

fn country_code(i: usize) -> String {
    let letters = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    format!("{}{}", letters[i / 26] as char, letters[i % 26] as char)
}

fn scene(rng: &mut Rng, start: NaiveDate) -> Scene {
    let day = start + Duration::days(rng.below(N_DAYS as u64) as i64);
    let at_sea = rng.chance(0.3);
    let place = if at_sea {
        let sea = rng.below(N_SEAS as u64);
        Place {
            name: Some(format!("Sea area {sea}")),
            precision: PlacePrecision::SeaArea,
            setting: Setting::InternationalWaters,
            ..Place::default()
        }
    } else {
        let country = rng.below(N_COUNTRIES as u64) as usize;
        let town = rng.below(TOWNS_PER_COUNTRY as u64) as usize;
        // Countries on a grid of 10° cells, towns spread over the cell.
        let lat = -50.0 + (country / 15) as f64 * 10.0 + (town % 8) as f64 * 1.2;
        let lon = -170.0 + (country % 15) as f64 * 22.0 + (town / 8) as f64 * 2.5;
        Place {
            name: Some(format!("Town {country}-{town}")),
            country_code: Some(country_code(country)),
            lat: Some(lat),
            lon: Some(lon),
            precision: PlacePrecision::Exact,
            setting: Setting::Land,
            ..Place::default()
        }
    };
    let event_type = if at_sea {
        [EventType::StrikeOnVessel, EventType::MaritimeInterdiction][rng.below(2) as usize]
    } else {
        TYPES[rng.below(TYPES.len() as u64) as usize]
    };
    Scene {
        event_type,
        day,
        place,
        perpetrator: format!("Armed group {}", rng.below(N_ACTORS)),
        target: if at_sea { "vessel" } else { TARGETS[rng.below(TARGETS.len() as u64) as usize] },
        killed: rng.below(12) as u32,
    }
}

fn text(rng: &mut Rng) -> String {
    let mut words: Vec<String> = Vec::with_capacity(WORDS_PER_TEXT);
    for _ in 0..WORDS_PER_TEXT {
        words.push(format!("w{}", rng.below(VOCABULARY)));
    }
    words.join(" ")
}

/// One report of `scene` by `outlet` with `text`, published `delay` days after the event.
fn report(
    scene: &Scene,
    outlet: u64,
    text: String,
    published: NaiveDate,
    rng: &mut Rng,
) -> AnalyzedDocument {
    let id = DocumentId::from_raw(format!("{outlet}\n{published}\n{text}").as_bytes());
    let end = text.len();
    let content = vec![Span::new(0, end)];
    let claim_id = ClaimId::derive(&id, 0, &content, None);
    // One report in five gives a window of days rather than the day.
    let time = if rng.chance(0.2) {
        TimeInterval {
            earliest: Some(scene.day - Duration::days(2)),
            latest: Some(scene.day + Duration::days(1)),
            precision: TimePrecision::Days,
            expressions: Vec::new(),
        }
    } else {
        TimeInterval {
            earliest: Some(scene.day),
            latest: Some(scene.day),
            precision: TimePrecision::Day,
            expressions: Vec::new(),
        }
    };
    let casualties = if rng.chance(0.5) {
        let killed = scene.killed + rng.below(2) as u32;
        vec![CasualtyMention {
            kind: CasualtyKind::Killed,
            group: CasualtyGroup::Unknown,
            min: Some(killed),
            max: Some(killed),
            inferred: false,
            span: Span::new(0, 1),
        }]
    } else {
        Vec::new()
    };
    let mention = EventMention {
        id: MentionId::for_claim(&claim_id),
        document: id.clone(),
        claim: claim_id.clone(),
        sentence: 0,
        event_type: Some(scene.event_type),
        trigger: None,
        specificity: Specificity::Specific,
        negated: false,
        time,
        place: Some(scene.place.clone()),
        actors: vec![ActorMention {
            name: scene.perpetrator.clone(),
            actor_id: None,
            role: ActorRole::Perpetrator,
            span: Span::new(0, 1),
        }],
        target_object: Some(TargetObject { category: scene.target.into(), span: Span::new(0, 1) }),
        casualties,
    };
    let claim = Claim {
        id: claim_id,
        document: id.clone(),
        sentence: 0,
        source: Source { kind: SourceKind::Outlet, ..Source::default() },
        co_sources: Vec::new(),
        cue: None,
        stance: Stance::Asserts,
        form: ClaimForm::Narration,
        construction: "generated".into(),
        rule_id: "generated".into(),
        content,
        embedded_in: None,
        in_headline: false,
    };
    AnalyzedDocument {
        document: Document {
            id,
            origin: String::new(),
            url: None,
            title: None,
            publisher: Some(format!("Outlet {outlet}")),
            author: None,
            published: Some(published),
            published_from: DateProvenance::Cli,
            language: Some("en".into()),
            text,
            paragraphs: vec![Paragraph { span: Span::new(0, end), kind: ParagraphKind::Body }],
            syndication_group: None,
        },
        analysis: Analysis {
            pipeline_version: PIPELINE_VERSION,
            sentences: vec![Sentence { index: 0, span: Span::new(0, end), paragraph: 0 }],
            claims: vec![claim],
            mentions: vec![mention],
            time_expressions: Vec::new(),
            diagnostics: Vec::new(),
        },
    }
}

/// About `n_mentions` analysed reports (one mention each), in publication order, the same for
/// the same `seed`. Returns the reports and the number of incidents generated.
pub fn generate(n_mentions: usize, seed: u64) -> (Vec<AnalyzedDocument>, usize) {
    let mut rng = Rng::new(seed);
    let start = NaiveDate::from_ymd_opt(2021, 1, 1).unwrap_or_default();
    let mut out: Vec<(NaiveDate, u64, AnalyzedDocument)> = Vec::with_capacity(n_mentions + 8);
    let mut n_incidents = 0;
    while out.len() < n_mentions {
        let scene = scene(&mut rng, start);
        n_incidents += 1;
        // One to five reports, three on average; one in ten a syndicated copy.
        let n_reports = 1 + rng.below(5) as usize;
        let mut texts: Vec<String> = Vec::new();
        for _ in 0..n_reports {
            let outlet = rng.below(N_OUTLETS);
            let published = scene.day + Duration::days(rng.below(4) as i64);
            let body = match texts.last() {
                Some(original) if rng.chance(0.1) => {
                    let mut words: Vec<&str> = original.split(' ').collect();
                    let replacement = format!("w{}", rng.below(VOCABULARY));
                    let at = rng.below(words.len() as u64) as usize;
                    words[at] = &replacement;
                    words.join(" ")
                }
                _ => text(&mut rng),
            };
            texts.push(body.clone());
            let key = rng.next_u64();
            out.push((published, key, report(&scene, outlet, body, published, &mut rng)));
        }
    }
    out.sort_by_key(|(published, key, _)| (*published, *key));
    (out.into_iter().map(|(_, _, d)| d).collect(), n_incidents)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_corpus_of_the_asked_size() {
        let (a, n_a) = generate(300, 7);
        let (b, n_b) = generate(300, 7);
        assert_eq!(n_a, n_b);
        assert!(a.len() >= 300 && a.len() < 305);
        assert_eq!(a, b);
        // About three reports per incident.
        let per_incident = a.len() as f64 / n_a as f64;
        assert!((2.5..3.5).contains(&per_incident), "{per_incident}");
        let at_sea = a
            .iter()
            .filter(|d| {
                d.analysis.mentions[0].place.as_ref().map(|p| p.precision)
                    == Some(PlacePrecision::SeaArea)
            })
            .count();
        assert!((50..130).contains(&at_sea), "{at_sea} of 300 at sea");
    }

    #[test]
    fn resolve_finds_about_the_generated_incidents() {
        let (docs, n_incidents) = generate(600, 11);
        let resolution =
            corroborate_resolve::resolve(&docs, &corroborate_resolve::ResolveSettings::default());
        let found = resolution.incidents.len();
        // Unrelated incidents rarely share a town, a day and a perpetrator, so nearly all
        // generated incidents come out as they went in.
        assert!(
            found as f64 >= n_incidents as f64 * 0.95 && found <= n_incidents,
            "{found} incidents found, {n_incidents} generated"
        );
        assert!(!resolution.syndication_groups.is_empty());
    }
}

//! Writes a deterministic corpus of realistic reports for benchmarks:
//!
//!     cargo run --release --example gen_corpus -- N DIR [--seed S]
//!
//! Each article is 3-6 KB in the seeds' format (` date YYYY-MM-DD ` glued to
//! the first paragraph, blank-line paragraphs, the occasional `,quot;` and
//! stray ` .`), about a conflict, with people, organizations (defined with
//! their acronym, then used by it), places, nationalities and relative dates
//! drawn from lists and recombined. Files go into DIR/000/, DIR/001/, ...
//! a thousand to a folder. The same N and seed always write the same bytes.

use std::fmt::Write as _;
use std::fs;
use std::io::Write as _;
use std::path::PathBuf;

const FIRST: &[&str] = &[
    "Khalifa",
    "Khaled",
    "Mahmoud",
    "Ahmed",
    "Omar",
    "Fathi",
    "Aguila",
    "Fayez",
    "Abdul",
    "Salah",
    "Mohamed",
    "Hassan",
    "Youssef",
    "Ali",
    "Ibrahim",
    "Mustafa",
    "Nouri",
    "Abdullah",
    "Tarek",
    "Walid",
    "Amina",
    "Fatima",
    "Leila",
    "Najla",
    "Hanan",
    "Stephanie",
    "Josep",
    "Recep",
    "Emmanuel",
    "Antonio",
    "Sergei",
    "Ghassan",
    "Jan",
    "Martin",
    "Elena",
    "Maria",
    "John",
    "David",
    "Sarah",
    "Laura",
    "Pierre",
    "Giuseppe",
    "Hakan",
    "Mevlut",
    "Abdel",
    "Rashid",
    "Karim",
    "Samir",
    "Nabil",
    "Yasmine",
];

const LAST: &[&str] = &[
    "Haftar",
    "al-Mahjoub",
    "Abdelwahed",
    "Maiteeq",
    "Bashagha",
    "Saleh",
    "Sarraj",
    "Dbeibah",
    "al-Mismari",
    "Gaddafi",
    "Menfi",
    "Salame",
    "Williams",
    "Borrell",
    "Erdogan",
    "Macron",
    "Guterres",
    "Lavrov",
    "Kubis",
    "Kobler",
    "Akar",
    "Cavusoglu",
    "Sisi",
    "Bathily",
    "al-Hassi",
    "Ben Ali",
    "Jalil",
    "Zeidan",
    "Ghwell",
    "Hamid",
    "Tarhouni",
    "Busaifi",
    "Naji",
    "Mansour",
    "Khoury",
    "Fischer",
    "Rossi",
    "Dupont",
    "Novak",
    "Petrov",
    "Karimi",
    "Osman",
    "Yilmaz",
    "Demir",
    "Haddad",
    "Nasser",
    "Amari",
    "Belhaj",
    "Obeidi",
    "Shalgham",
];

/// (long form, acronym)
const ORGS: &[(&str, &str)] = &[
    ("Government of National Accord", "GNA"),
    ("Libyan National Army", "LNA"),
    ("Government of National Agreement", "GNA"),
    ("Presidential Council", "PC"),
    ("House of Representatives", "HoR"),
    ("High Council of State", "HCS"),
    ("National Oil Corporation", "NOC"),
    ("United Nations Support Mission in Libya", "UNSMIL"),
    ("African Union", "AU"),
    ("European Union", "EU"),
    ("Arab League", "AL"),
    ("North Atlantic Treaty Organization", "NATO"),
    ("Sirte Protection Force", "SPF"),
    ("Rapid Support Forces", "RSF"),
    ("Syrian Democratic Forces", "SDF"),
    ("World Food Programme", "WFP"),
    ("International Organization for Migration", "IOM"),
    ("Central Bank of Libya", "CBL"),
    ("Misrata Military Council", "MMC"),
    ("Tripoli Revolutionaries Brigade", "TRB"),
];

const PLACES: &[&str] = &[
    "Sirte",
    "Tripoli",
    "Benghazi",
    "Misrata",
    "Tobruk",
    "Derna",
    "Sabha",
    "Zawiya",
    "Ajdabiya",
    "Gharyan",
    "Tarhuna",
    "Ras Lanuf",
    "Brega",
    "Zliten",
    "Kufra",
    "Ghat",
    "Ubari",
    "Jufra",
    "Cairo",
    "Ankara",
    "Istanbul",
    "Tunis",
    "Algiers",
    "Rome",
    "Paris",
    "Moscow",
    "Geneva",
    "Berlin",
    "Abu Dhabi",
    "Doha",
    "Khartoum",
    "Niamey",
    "Bamako",
    "Damascus",
    "Aleppo",
    "Idlib",
];

const COUNTRIES: &[(&str, &str)] = &[
    ("Libya", "Libyan"),
    ("Turkey", "Turkish"),
    ("Egypt", "Egyptian"),
    ("Tunisia", "Tunisian"),
    ("Algeria", "Algerian"),
    ("Russia", "Russian"),
    ("France", "French"),
    ("Italy", "Italian"),
    ("Germany", "German"),
    ("Qatar", "Qatari"),
    ("Sudan", "Sudanese"),
    ("Chad", "Chadian"),
    ("Niger", "Nigerien"),
    ("Syria", "Syrian"),
    ("Jordan", "Jordanian"),
    ("United Arab Emirates", "Emirati"),
];

const WEEKDAYS: &[&str] = &[
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

const ROLES: &[&str] = &[
    "a spokesman for",
    "the commander of",
    "a senior official in",
    "the head of",
    "an adviser to",
    "a member of",
];

const VERBS: &[&str] = &[
    "said",
    "told reporters",
    "said in a statement",
    "told the Reuters news agency",
    "wrote on social media",
    "announced",
];

const CLAIMS: &[&str] = &[
    "forces had entered the city and taken control of large parts of it",
    "fighters had withdrawn to prevent bloodshed among civilians",
    "talks would resume once a ceasefire was in place",
    "the oil terminals would reopen within weeks",
    "the offensive on the capital had stalled on its southern outskirts",
    "air strikes had hit a military college and killed dozens of cadets",
    "mercenaries had been seen near the front lines",
    "the airport had been closed after rocket fire",
    "convoys of armoured vehicles were moving along the coastal road",
    "the central bank would pay salaries in all regions",
];

const CONTEXT: &[&str] = &[
    "The city is strategically important because it lies close to the oil fields and export terminals of the central coast, a strip of coastline along which several key ports are located.",
    "Residents reached by phone described long queues for fuel and bread, and said electricity was cut for up to eighteen hours a day.",
    "Diplomats said the arms embargo was being violated by several countries, and that experts had documented shipments by sea and air.",
    "Analysts said the fighting risked drawing in regional powers that have backed rival sides with weapons, money and fighters.",
    "Aid agencies warned that hundreds of thousands of people had been displaced and that hospitals were running short of medicines.",
    "The conflict has split the country between rival administrations in the east and west since the uprising that toppled the former leader.",
    "Negotiators met behind closed doors for several days, but left without agreeing on the withdrawal of foreign forces.",
    "Migrants held in detention centres near the front lines were among those most at risk, rights groups said.",
];

/// SplitMix64: tiny, deterministic, good enough for test data.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

struct Cast {
    people: Vec<String>,
    orgs: Vec<(&'static str, &'static str)>,
    places: Vec<&'static str>,
    countries: Vec<(&'static str, &'static str)>,
}

fn article(rng: &mut Rng, date: chrono::NaiveDate) -> String {
    let cast = Cast {
        people: (0..3 + rng.below(3))
            .map(|_| format!("{} {}", rng.pick(FIRST), rng.pick(LAST)))
            .collect(),
        orgs: (0..2 + rng.below(3)).map(|_| *rng.pick(ORGS)).collect(),
        places: (0..3 + rng.below(4)).map(|_| *rng.pick(PLACES)).collect(),
        countries: (0..2 + rng.below(3))
            .map(|_| *rng.pick(COUNTRIES))
            .collect(),
    };
    let target = 3000 + rng.below(3000);
    let mut text = format!(" date {} ", date.format("%Y-%m-%d"));
    let mut introduced_people = vec![false; cast.people.len()];
    let mut introduced_orgs = vec![false; cast.orgs.len()];
    let mut first = true;
    while text.len() < target {
        if !first {
            text.push_str("\n\n");
        }
        first = false;
        let p = rng.below(cast.people.len());
        let person = if introduced_people[p] {
            cast.people[p].rsplit(' ').next().unwrap_or("").to_string()
        } else {
            introduced_people[p] = true;
            cast.people[p].clone()
        };
        let o = rng.below(cast.orgs.len());
        let org = if introduced_orgs[o] {
            cast.orgs[o].1.to_string()
        } else {
            introduced_orgs[o] = true;
            format!("{} ({})", cast.orgs[o].0, cast.orgs[o].1)
        };
        let place = rng.pick(&cast.places);
        let (country, demonym) = rng.pick(&cast.countries);
        let when = match rng.below(4) {
            0 => format!("on {}", rng.pick(WEEKDAYS)),
            1 => format!("since {}", rng.pick(MONTHS)),
            2 => format!("in early {}", 2010 + rng.below(10)),
            _ => "in recent days".to_string(),
        };
        let _ = match rng.below(6) {
            0 => write!(
                text,
                "{person}, {} the {org}, {} {when} that {}.",
                rng.pick(ROLES),
                rng.pick(VERBS),
                rng.pick(CLAIMS)
            ),
            1 => write!(
                text,
                "{}, {demonym} officials in {place} said \"{},quot; according to {person}.",
                capitalize(&when),
                rng.pick(CLAIMS)
            ),
            2 => write!(
                text,
                "The {org} accused {country} of backing fighters around {place}, where {} .",
                rng.pick(CLAIMS)
            ),
            3 => write!(text, "{} {}", rng.pick(CONTEXT), rng.pick(CONTEXT)),
            4 => write!(text, "{demonym} forces"),
            _ => write!(
                text,
                "Speaking in {place} {when}, {person} said the {org} and {country} had agreed that {}. .",
                rng.pick(CLAIMS)
            ),
        };
    }
    text.push('\n');
    text
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let usage = "usage: gen_corpus N DIR [--seed S]";
    let n: usize = args
        .first()
        .and_then(|a| a.parse().ok())
        .unwrap_or_else(|| {
            eprintln!("{usage}");
            std::process::exit(2)
        });
    let dir = PathBuf::from(args.get(1).unwrap_or_else(|| {
        eprintln!("{usage}");
        std::process::exit(2)
    }));
    let seed = args
        .iter()
        .position(|a| a == "--seed")
        .and_then(|p| args.get(p + 1))
        .and_then(|s| s.parse().ok())
        .unwrap_or(2020u64);
    let mut rng = Rng(seed);
    let start = chrono::NaiveDate::from_ymd_opt(2015, 1, 1).expect("valid date");
    let mut bytes = 0usize;
    for i in 0..n {
        let date = start + chrono::Duration::days(rng.below(365 * 6) as i64);
        let text = article(&mut rng, date);
        let folder = dir.join(format!("{:03}", i / 1000));
        if i % 1000 == 0 {
            fs::create_dir_all(&folder).expect("create output folder");
        }
        let path = folder.join(format!("{i:06}_{:016x}.txt", rng.next()));
        let mut f = fs::File::create(&path).expect("create article file");
        f.write_all(text.as_bytes()).expect("write article");
        bytes += text.len();
    }
    eprintln!(
        "wrote {n} articles, {:.1} MB, to {}",
        bytes as f64 / 1e6,
        dir.display()
    );
}

//! One person named two ways across a corpus: with another form of the
//! given name (`Bill` for `William`), or with a slip in the spelling of
//! one long word; and the names that look so but are two people. The
//! articles are sentences written for these tests.

mod common;

use lede::corpus::ArticleMeta;
use lede::entities::{ArticleEntities, Kind};
use lede::resolve::{Resolution, Resolved, Resolver, resolve_corpus};

/// An article: its body and, for each entity, its name, kind and the
/// forms the body writes it in.
type Doc = (
    &'static str,
    &'static [(&'static str, Kind, &'static [&'static str])],
);

fn found(
    body: &str,
    entities: &[(&'static str, Kind, &'static [&'static str])],
) -> ArticleEntities {
    let es: Vec<common::E> = entities
        .iter()
        .map(|&(name, kind, forms)| common::E(name, kind, forms, None))
        .collect();
    common::extract(body, &es)
}

/// Article `i` of the list, undated: they sort in the order given.
fn meta(i: usize) -> ArticleMeta {
    ArticleMeta {
        id: format!("a{i}"),
        path: format!("r/{i}.txt").into(),
        ..ArticleMeta::default()
    }
}

fn corpus(docs: &[Doc]) -> Resolved {
    let metas: Vec<ArticleMeta> = (0..docs.len()).map(meta).collect();
    resolve_corpus(
        metas
            .iter()
            .zip(docs.iter().map(|(body, es)| found(body, es))),
    )
}

/// The entity of the `k`th mention of article `a`, in reading order.
fn of(r: &Resolved, a: usize, k: usize) -> u32 {
    r.resolution.entity_of(r.mentions[a][k].entity)
}

fn name(res: &Resolution, e: u32) -> &str {
    &res.entity(e).name
}

use Kind::{Location, Organization, Person};

#[test]
fn a_given_name_and_its_nickname_are_one_person() {
    let r = corpus(&[
        (
            "William Hakim opened the Velm depot.",
            &[("William Hakim", Person, &["William Hakim"])],
        ),
        (
            "Bill Hakim said the depot would hire. Bill Hakim smiled.",
            &[("Bill Hakim", Person, &["Bill Hakim"])],
        ),
        (
            "Later Bill Hakim left for Orsa.",
            &[("Bill Hakim", Person, &["Bill Hakim"])],
        ),
        (
            "James Oler was charged.",
            &[("James Oler", Person, &["James Oler"])],
        ),
        (
            "Jim Oler denied it.",
            &[("Jim Oler", Person, &["Jim Oler"])],
        ),
    ]);
    let res = &r.resolution;
    assert_eq!(of(&r, 1, 0), of(&r, 0, 0));
    assert_eq!(of(&r, 2, 0), of(&r, 0, 0));
    assert_eq!(of(&r, 4, 0), of(&r, 3, 0));
    assert_ne!(of(&r, 3, 0), of(&r, 0, 0));
    let hakim = res.entity(of(&r, 0, 0));
    // The name shown is the form most mentions use.
    assert_eq!(&*hakim.name, "Bill Hakim");
    assert_eq!(hakim.kind, Person);
    assert_eq!((hakim.mentions, hakim.articles), (4, 3));
    assert_eq!(name(res, of(&r, 3, 0)), "James Oler");
    assert_eq!(res.mentioned().len(), 2);
}

#[test]
fn names_that_are_not_one_given_name_stay_apart() {
    let r = corpus(&[
        // Another middle name: not the same shape.
        (
            "Jamie Rappaport Clark ran the agency.",
            &[("Jamie Rappaport Clark", Person, &["Jamie Rappaport Clark"])],
        ),
        (
            "James Clark sang.",
            &[("James Clark", Person, &["James Clark"])],
        ),
        // Another surname.
        (
            "William Tarrow spoke.",
            &[("William Tarrow", Person, &["William Tarrow"])],
        ),
        (
            "Bill Hakim spoke.",
            &[("Bill Hakim", Person, &["Bill Hakim"])],
        ),
        // `Fred` and `William` are both forms of `Bill`, not of each
        // other; `Lennie` and `Lenny` both of `Leonard`.
        ("Fred Velm spoke.", &[("Fred Velm", Person, &["Fred Velm"])]),
        (
            "William Velm spoke.",
            &[("William Velm", Person, &["William Velm"])],
        ),
        (
            "Lennie Quell spoke.",
            &[("Lennie Quell", Person, &["Lennie Quell"])],
        ),
        (
            "Lenny Quell spoke.",
            &[("Lenny Quell", Person, &["Lenny Quell"])],
        ),
        // `Alex` is a form of both: it joins neither, and they stay two.
        (
            "Alexander Orsek spoke.",
            &[("Alexander Orsek", Person, &["Alexander Orsek"])],
        ),
        (
            "Alexandra Orsek spoke.",
            &[("Alexandra Orsek", Person, &["Alexandra Orsek"])],
        ),
        (
            "Alex Orsek spoke.",
            &[("Alex Orsek", Person, &["Alex Orsek"])],
        ),
        // A name the tagger read as a body, not shaped as only a
        // person's is, is no person's to join.
        (
            "David Rossi signed.",
            &[("David Rossi", Person, &["David Rossi"])],
        ),
        (
            "Dave Rossi paid.",
            &[("Dave Rossi", Organization, &["Dave Rossi"])],
        ),
    ]);
    let e: Vec<u32> = (0..13).map(|a| of(&r, a, 0)).collect();
    for (a, b) in [
        (0, 1),
        (2, 3),
        (4, 5),
        (6, 7),
        (8, 9),
        (8, 10),
        (9, 10),
        (11, 12),
    ] {
        assert_ne!(e[a], e[b], "articles {a} and {b}");
    }
    assert_eq!(r.resolution.mentioned().len(), 13);
}

#[test]
fn a_nickname_joins_a_person_whatever_other_names_of_theirs_joined() {
    // `William C. Hakim` and `William Hakim` are one person first (a
    // middle initial): `Bill Hakim` joins that one person.
    let r = corpus(&[
        (
            "William C. Hakim opened the depot.",
            &[("William C. Hakim", Person, &["William C. Hakim"])],
        ),
        (
            "William Hakim said so.",
            &[("William Hakim", Person, &["William Hakim"])],
        ),
        (
            "Bill Hakim left.",
            &[("Bill Hakim", Person, &["Bill Hakim"])],
        ),
    ]);
    assert_eq!(of(&r, 1, 0), of(&r, 0, 0));
    assert_eq!(of(&r, 2, 0), of(&r, 0, 0));
}

/// Two articles about one thing: a person and what they are seen with.
const RAIT: [Doc; 2] = [
    (
        "Duncan Rait of the Tarn Council inspected the Orsa Valley dam.",
        &[
            ("Duncan Rait", Person, &["Duncan Rait"]),
            ("Tarn Council", Organization, &["Tarn Council"]),
            ("Orsa Valley", Location, &["Orsa Valley"]),
        ],
    ),
    (
        "Duncan Raite told the Tarn Council the Orsa Valley dam holds.",
        &[
            ("Duncan Raite", Person, &["Duncan Raite"]),
            ("Tarn Council", Organization, &["Tarn Council"]),
            ("Orsa Valley", Location, &["Orsa Valley"]),
        ],
    ),
];

#[test]
fn a_slip_in_a_long_word_is_the_same_person_where_the_articles_agree() {
    let mut docs = RAIT.to_vec();
    docs.extend_from_slice(&[
        (
            "Jermayne Timmons scored for Velm United at Quell Park.",
            &[
                ("Jermayne Timmons", Person, &["Jermayne Timmons"]),
                ("Velm United", Organization, &["Velm United"]),
                ("Quell Park", Location, &["Quell Park"]),
            ],
        ),
        (
            "Jerymayne Timmons ran but Velm United lost at Quell Park.",
            &[
                ("Jerymayne Timmons", Person, &["Jerymayne Timmons"]),
                ("Velm United", Organization, &["Velm United"]),
                ("Quell Park", Location, &["Quell Park"]),
            ],
        ),
    ]);
    let r = corpus(&docs);
    assert_eq!(of(&r, 1, 0), of(&r, 0, 0));
    assert_eq!(of(&r, 3, 0), of(&r, 2, 0));
    assert_ne!(of(&r, 2, 0), of(&r, 0, 0));
    let res = &r.resolution;
    assert_eq!(res.entity(of(&r, 0, 0)).articles, 2);
    assert_eq!(res.entity(of(&r, 0, 0)).kind, Person);
}

#[test]
fn names_one_letter_apart_stay_two_people_unless_the_evidence_says_one() {
    let r = corpus(&[
        // Different contexts: two people.
        (
            "Andrea Orsek sang at the Velm Opera in Tarnow.",
            &[
                ("Andrea Orsek", Person, &["Andrea Orsek"]),
                ("Velm Opera", Organization, &["Velm Opera"]),
                ("Tarnow", Location, &["Tarnow"]),
            ],
        ),
        (
            "Andreas Orsek ran the Quell Bank in Orsa.",
            &[
                ("Andreas Orsek", Person, &["Andreas Orsek"]),
                ("Quell Bank", Organization, &["Quell Bank"]),
                ("Orsa", Location, &["Orsa"]),
            ],
        ),
        // The same context, but one article names both: two people.
        (
            "Francis Dellow and Frances Dellow met at the Kell Mill in Orsa.",
            &[
                ("Francis Dellow", Person, &["Francis Dellow"]),
                ("Frances Dellow", Person, &["Frances Dellow"]),
                ("Kell Mill", Organization, &["Kell Mill"]),
                ("Orsa", Location, &["Orsa"]),
            ],
        ),
        (
            "Francis Dellow reopened the Kell Mill in Orsa.",
            &[
                ("Francis Dellow", Person, &["Francis Dellow"]),
                ("Kell Mill", Organization, &["Kell Mill"]),
                ("Orsa", Location, &["Orsa"]),
            ],
        ),
        (
            "Frances Dellow bought the Kell Mill in Orsa.",
            &[
                ("Frances Dellow", Person, &["Frances Dellow"]),
                ("Kell Mill", Organization, &["Kell Mill"]),
                ("Orsa", Location, &["Orsa"]),
            ],
        ),
        // A short word: one letter changed is another name.
        (
            "Mark Vell of the Tarn Council spoke in Orsa.",
            &[
                ("Mark Vell", Person, &["Mark Vell"]),
                ("Tarn Council", Organization, &["Tarn Council"]),
                ("Orsa", Location, &["Orsa"]),
            ],
        ),
        (
            "Mary Vell of the Tarn Council spoke in Orsa.",
            &[
                ("Mary Vell", Person, &["Mary Vell"]),
                ("Tarn Council", Organization, &["Tarn Council"]),
                ("Orsa", Location, &["Orsa"]),
            ],
        ),
    ]);
    assert_ne!(of(&r, 1, 0), of(&r, 0, 0));
    assert_ne!(of(&r, 2, 1), of(&r, 2, 0));
    assert_eq!(of(&r, 3, 0), of(&r, 2, 0));
    assert_eq!(of(&r, 4, 0), of(&r, 2, 1));
    assert_ne!(of(&r, 6, 0), of(&r, 5, 0));
}

#[test]
fn a_slip_two_names_could_be_joins_neither() {
    let mut docs = RAIT.to_vec();
    docs.push((
        "Duncan Raith of the Tarn Council toured the Orsa Valley.",
        &[
            ("Duncan Raith", Person, &["Duncan Raith"]),
            ("Tarn Council", Organization, &["Tarn Council"]),
            ("Orsa Valley", Location, &["Orsa Valley"]),
        ],
    ));
    let r = corpus(&docs);
    // `Raite` is one letter from `Rait` and from `Raith`.
    let e: Vec<u32> = (0..3).map(|a| of(&r, a, 0)).collect();
    assert_ne!(e[1], e[0]);
    assert_ne!(e[1], e[2]);
    assert_ne!(e[0], e[2]);
}

#[test]
fn the_same_articles_in_any_order_give_the_same_people() {
    let mut docs: Vec<Doc> = RAIT.to_vec();
    docs.extend_from_slice(&[
        (
            "William Hakim opened the depot.",
            &[("William Hakim", Person, &["William Hakim"])],
        ),
        (
            "Bill Hakim left. Bill Hakim returned.",
            &[("Bill Hakim", Person, &["Bill Hakim"])],
        ),
        (
            "Jim Oler denied it.",
            &[("Jim Oler", Person, &["Jim Oler"])],
        ),
        (
            "James Oler was charged.",
            &[("James Oler", Person, &["James Oler"])],
        ),
    ]);
    let metas: Vec<ArticleMeta> = (0..docs.len())
        .map(|i| ArticleMeta {
            date: chrono::NaiveDate::from_ymd_opt(2020, 1, 1 + (i as u32 % 3)),
            ..meta(i)
        })
        .collect();
    let run = |order: &[usize]| {
        let mut r = Resolver::new();
        let mut mentions = vec![Vec::new(); docs.len()];
        for (number, &i) in order.iter().enumerate() {
            r.list(number as u32, metas[i].sort_key(), i as u64);
            let (body, es) = docs[i];
            mentions[i] = r.add(number as u32, found(body, es)).mentions;
        }
        let res = r.resolve();
        let ids: Vec<Vec<String>> = mentions
            .iter()
            .map(|ms| {
                ms.iter()
                    .map(|m| res.entity(res.entity_of(m.entity)).id.to_string())
                    .collect()
            })
            .collect();
        let names: Vec<String> = res.mentioned().iter().map(|e| e.name.to_string()).collect();
        (ids, names)
    };
    let first = run(&[0, 1, 2, 3, 4, 5]);
    assert_eq!(run(&[5, 4, 3, 2, 1, 0]), first);
    assert_eq!(run(&[3, 0, 5, 2, 4, 1]), first);
    assert_eq!(first.0[0][0], first.0[1][0]);
    assert_eq!(first.0[2][0], first.0[3][0]);
    assert_eq!(first.0[4][0], first.0[5][0]);
    assert_ne!(first.0[2][0], first.0[4][0]);
    assert_eq!(
        first.1,
        [
            "Bill Hakim",
            "James Oler",
            "Duncan Rait",
            "Tarn Council",
            "Orsa Valley"
        ]
    );
}

/// An article of `Kell Mill` in Orsa naming one person, `who`.
macro_rules! mill {
    ($who:literal) => {
        (
            concat!($who, " reopened the Kell Mill in Orsa."),
            &[
                ($who, Person, &[$who]),
                ("Kell Mill", Organization, &["Kell Mill"]),
                ("Orsa", Location, &["Orsa"]),
            ],
        )
    };
}

#[test]
fn a_slip_whose_articles_fit_another_bearer_of_the_surname_as_well_stays_apart() {
    // `Frances Dellow`'s article talks of what Francis Dellow's do, but
    // as much of what Walter Dellow's do: nothing says which she is.
    let r = corpus(&[
        mill!("Francis Dellow"),
        mill!("Francis Dellow"),
        mill!("Walter Dellow"),
        mill!("Walter Dellow"),
        mill!("Frances Dellow"),
    ]);
    assert_eq!(of(&r, 1, 0), of(&r, 0, 0));
    assert_ne!(of(&r, 4, 0), of(&r, 0, 0));
    assert_ne!(of(&r, 4, 0), of(&r, 2, 0));
    assert_ne!(of(&r, 2, 0), of(&r, 0, 0));
    // Without the rival, the same articles are one person's.
    let r = corpus(&[
        mill!("Francis Dellow"),
        mill!("Francis Dellow"),
        mill!("Frances Dellow"),
    ]);
    assert_eq!(of(&r, 2, 0), of(&r, 0, 0));
}

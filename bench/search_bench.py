"""Search benchmark peers for bench/search.sh: generates the corpus, and measures PostgreSQL
full-text search (`finnish` configuration, tsvector in a stored column with a GIN index, as the
PostgreSQL manual advises) and SQLite FTS5 on the same documents and queries.

Usage:
  search_bench.py generate <folder> <count>           writes <folder>/docs/NNN/*.txt, corpus.tsv, queries.tsv
  search_bench.py sqlite <folder> <repeats>           prints JSON figures
  search_bench.py sqlite-index <folder>               builds a fresh FTS5 table, prints docs/s
  search_bench.py sqlite-query <folder> <repeats>     queries the table sqlite-index left, prints JSON
  search_bench.py postgres <folder> <repeats> <port>  prints JSON figures (server already running)
"""
import json, os, random, sqlite3, sys, time

# Inflected and compound forms on purpose: the same lemmas appear in many shapes.
WORDS = """sopimus sopimuksen sopimusta sopimukset sopimuksia hankintasopimus hankintasopimuksen työsopimus
hankinta hankinnan hankintaa hankinnat hankinnoista hankintapäätös kokous kokouksen kokouksessa kokoukset
valtuusto valtuuston kaupunginvaltuuston valtuustoaloite lupa luvan lupaa luvat lupien rakennuslupa
rakennusluvan ympäristölupa vesi veden vettä vedet vesihuolto jätevesi maksu maksun maksua maksut
vesimaksu varhaiskasvatusmaksu avustus avustuksen avustusta avustukset avustushakemus kirjasto kirjaston
kirjastossa kirjastoauto koulu koulun koulussa koulut kouluissa koulukuljetus lapsi lapsen lasta lapset
lasten päätös päätöksen päätöstä päätökset viranhaltijapäätös talousarvio talousarvion kaava kaavan
asemakaava asemakaavan yleiskaava ympäristö ympäristön ympäristönsuojelu henkilöstö henkilöstön
tieto tiedon tietoa tiedot tietoja henkilötieto henkilötietojen tietopyyntö kaupunki kaupungin
kaupungissa kunta kunnan asukas asukkaan asukkaat palvelu palvelun palvelut ruokapalvelu
ruokapalvelujen hakemus hakemuksen hakemusta hakemukset pöytäkirja pöytäkirjan esityslista
kunnossapito katujen tie tien tiet yksityistie arkisto arkiston arkistossa""".split()
FILLER = """ja on että ei se joka tai kuin myös mukaan vuonna sekä tämän osalta edellä mainittu
asiassa todetaan esitetään hyväksytään käsitellään seuraavaksi lisäksi kuitenkin""".split()

QUERIES = [
    ("one-word", "sopimus"), ("one-word", "hankinta"), ("one-word", "kokous"), ("one-word", "lupa"),
    ("one-word", "vesi"), ("one-word", "avustus"), ("one-word", "koulu"), ("one-word", "lapsi"),
    ("two-word", "sopimus hankinta"), ("two-word", "lupa ympäristö"), ("two-word", "koulu lapsi"),
    ("two-word", "talousarvio valtuusto"),
    ("phrase", "kaupungin valtuuston"), ("phrase", "hakemuksen käsitellään"), ("phrase", "veden laatu"),
    ("phrase", "ruokapalvelujen hankinta"),
]


def generate(folder, count):
    rng = random.Random(2026)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "corpus.tsv"), "w", encoding="utf-8") as corpus:
        for n in range(count):
            parts, size = [], 0
            while size < 2000:
                word = rng.choice(WORDS) if rng.random() < 0.45 else rng.choice(FILLER)
                parts.append(word)
                size += len(word) + 1
            text = " ".join(parts)
            sub = os.path.join(folder, "docs", f"{n // 1000:03d}")
            os.makedirs(sub, exist_ok=True)
            with open(os.path.join(sub, f"d{n:06d}.txt"), "w", encoding="utf-8") as f:
                f.write(text)
            corpus.write(f"{n}\t{text}\n")
    with open(os.path.join(folder, "queries.tsv"), "w", encoding="utf-8") as q:
        for kind, text in QUERIES:
            # Kirjuri's syntax: every word required; a phrase in quotes.
            kirjuri = f'"{text}"' if kind == "phrase" else " AND ".join(text.split())
            q.write(f"{kind}\t{kirjuri}\n")


def percentiles(samples):
    samples = sorted(samples)
    at = lambda p: samples[round((len(samples) - 1) * p)]
    return {"p50_us": at(0.5), "p99_us": at(0.99), "queries": len(samples)}


def measure(run_query, repeats):
    out = {}
    for kind in ("one-word", "two-word", "phrase"):
        samples, hits = [], 0
        for _ in range(repeats):
            for k, text in QUERIES:
                if k != kind:
                    continue
                start = time.perf_counter()
                hits += run_query(kind, text)
                samples.append(int((time.perf_counter() - start) * 1e6))
        out[kind] = percentiles(samples) | {"total_hits": hits}
    return out


def rows(folder):
    with open(os.path.join(folder, "corpus.tsv"), encoding="utf-8") as corpus:
        for line in corpus:
            n, text = line.rstrip("\n").split("\t", 1)
            yield int(n), text


def build_sqlite(folder):
    """A fresh FTS5 table over the corpus: (connection, documents, seconds to index)."""
    path = os.path.join(folder, "fts.sqlite")
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(path + suffix):
            os.remove(path + suffix)
    db = sqlite3.connect(path)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=FULL")
    db.execute("CREATE VIRTUAL TABLE docs USING fts5(body)")
    start = time.perf_counter()
    with db:
        db.executemany("INSERT INTO docs(rowid, body) VALUES (?, ?)", rows(folder))
    index_s = time.perf_counter() - start
    count = db.execute("SELECT count(*) FROM docs").fetchone()[0]
    return db, count, index_s


def sqlite_index(folder):
    """Builds a fresh FTS5 table over the corpus; returns documents per second."""
    db, count, index_s = build_sqlite(folder)
    db.close()
    return count / index_s


def sqlite(folder, repeats):
    db, count, index_s = build_sqlite(folder)
    return {"docs": count, "index_s": index_s, "docs_per_s": count / index_s, "queries": sqlite_queries(db, repeats)}


def sqlite_query(folder, repeats):
    """Queries the FTS5 table a previous `sqlite-index` left (a big corpus is indexed once)."""
    db = sqlite3.connect(os.path.join(folder, "fts.sqlite"))
    count = db.execute("SELECT count(*) FROM docs").fetchone()[0]
    return {"docs": count, "queries": sqlite_queries(db, repeats)}


def sqlite_queries(db, repeats):
    def run(kind, text):
        match = f'"{text}"' if kind == "phrase" else " AND ".join(text.split())
        hits = db.execute("SELECT rowid FROM docs WHERE docs MATCH ? ORDER BY rank LIMIT 10", (match,)).fetchall()
        return db.execute("SELECT count(*) FROM docs WHERE docs MATCH ?", (match,)).fetchone()[0] if hits else 0

    return measure(run, repeats)


def postgres(folder, repeats, port):
    import psycopg

    with psycopg.connect(f"host=127.0.0.1 port={port} dbname=postgres user=postgres", autocommit=True) as db:
        db.execute("DROP TABLE IF EXISTS docs")
        db.execute(
            "CREATE TABLE docs (id bigint PRIMARY KEY, body text NOT NULL,"
            " tsv tsvector GENERATED ALWAYS AS (to_tsvector('finnish', body)) STORED)"
        )
        db.execute("CREATE INDEX docs_tsv ON docs USING GIN (tsv)")
        start = time.perf_counter()
        with db.cursor() as cur:
            with cur.copy("COPY docs (id, body) FROM STDIN") as copy:
                for row in rows(folder):
                    copy.write_row(row)
        index_s = time.perf_counter() - start
        count = db.execute("SELECT count(*) FROM docs").fetchone()[0]
        db.execute("ANALYZE docs")

        def run(kind, text):
            fn = "phraseto_tsquery" if kind == "phrase" else "plainto_tsquery"
            hits = db.execute(
                f"SELECT id FROM docs WHERE tsv @@ {fn}('finnish', %s)"
                f" ORDER BY ts_rank(tsv, {fn}('finnish', %s)) DESC LIMIT 10",
                (text, text),
            ).fetchall()
            if not hits:
                return 0
            return db.execute(f"SELECT count(*) FROM docs WHERE tsv @@ {fn}('finnish', %s)", (text,)).fetchone()[0]

        return {"docs": count, "index_s": index_s, "docs_per_s": count / index_s, "queries": measure(run, repeats)}


if __name__ == "__main__":
    command = sys.argv[1]
    if command == "generate":
        generate(sys.argv[2], int(sys.argv[3]))
    elif command == "sqlite-index":
        print(sqlite_index(sys.argv[2]))
    elif command == "sqlite-query":
        print(json.dumps(sqlite_query(sys.argv[2], int(sys.argv[3]))))
    elif command == "sqlite":
        print(json.dumps(sqlite(sys.argv[2], int(sys.argv[3]))))
    elif command == "postgres":
        print(json.dumps(postgres(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))))

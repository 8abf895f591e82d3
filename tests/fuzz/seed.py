"""Seeds each fuzz target's corpus (CORPUS/NAME) from the files of tests/ and samples/."""
import glob
import hashlib
import json
import os
import re
import sys

SOURCE = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
CORPUS = sys.argv[1]
MAX = 64 * 1024

# fuzz_readers: the first byte picks the file name (kNames in fuzz_readers.cpp).
NAMES = ["in.jsonl", "data/tweets.js", "data/like.js", "data/deleted-tweets.js", "tweets.csv",
         "data/js/tweets/2011_01.js", "in.json", "data/community-tweet.js"]


def put(target, data):
    if isinstance(data, str):
        data = data.encode("utf-8")
    d = os.path.join(CORPUS, target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, hashlib.sha1(data).hexdigest()), "wb") as f:
        f.write(data)


def name_byte(path):
    base = path.replace(os.sep, "/")
    for i, n in enumerate(NAMES):
        if base.endswith(n):
            return i
    if re.search(r"data/js/tweets/\d{4}_\d{2}\.js$", base):
        return 5
    if re.search(r"tweets(-part\d+)?\.js$", base):
        return 1
    if base.endswith(".json"):
        return 6
    return 0


files = [p for p in glob.glob(os.path.join(SOURCE, "tests", "data", "**", "*"), recursive=True)
         + glob.glob(os.path.join(SOURCE, "samples", "**", "*"), recursive=True)
         if os.path.isfile(p) and not p.endswith((".jpg", ".png", ".html", ".py", ".md", "LICENSE"))]
texts, urls = [], []
for p in files:
    with open(p, "rb") as f:
        data = f.read()
    if len(data) <= MAX:
        put("fuzz_readers", bytes([name_byte(p)]) + data)
    else:  # the first lines of a large file
        head = data[:MAX]
        put("fuzz_readers", bytes([name_byte(p)]) + head[: head.rfind(b"\n") + 1 or MAX])
    urls += re.findall(rb"https?://[^\s\"'<>\\]+", data)[:50]
    texts += [t.encode() for t in re.findall(r'"(?:full_)?text"\s*:\s*"((?:[^"\\]|\\.)*)"', data.decode("utf-8", "replace"))[:50]]

with open(os.path.join(SOURCE, "tests", "data", "twitter-text", "extract.json"), encoding="utf-8") as f:
    for cases in json.load(f)["tests"].values():
        for case in cases:
            texts.append(case["text"].encode("utf-8"))
for t in texts:
    put("fuzz_entities", t)
# fuzz_terminal_safe: the texts, and every file of the hostile corpus (escapes, C1, bidi).
for t in texts:
    put("fuzz_terminal_safe", t)
for p in glob.glob(os.path.join(SOURCE, "tests", "data", "hostile", "*.jsonl")):
    with open(p, "rb") as f:
        for line in f.read().splitlines():
            put("fuzz_terminal_safe", json.loads(line).get("text", line.decode("utf-8")).encode("utf-8"))
    with open(p, "rb") as f:
        put("fuzz_terminal_safe", f.read())
for u in urls:
    put("fuzz_urls", u)
    host = re.match(rb"https?://([^/:?#]+)", u)
    if host:
        put("fuzz_urls", host.group(1))

queries = set()
for p in glob.glob(os.path.join(SOURCE, "tests", "e2e", "*.py")):
    with open(p, encoding="utf-8") as f:
        src = f.read()
    queries.update(re.findall(r'(?:ids|count|records)\("([^"]*)"', src))
    queries.update(re.findall(r'"search",\s*"([^"]*)"', src))
for q in queries:
    put("fuzz_query", q)
# fuzz_salvage: the first byte picks the case (fuzz_salvage.cpp), the second where the input is cut.
for p in files:
    with open(p, "rb") as f:
        data = f.read()
    if len(data) > MAX:
        continue
    if data.startswith(b"PK\x03\x04"):
        cases = [0]
    elif data.lstrip().startswith(b"window."):
        cases = [2]
    elif data.lstrip().startswith(b"["):
        cases = [1]
    elif data.lstrip().startswith(b"{"):
        cases = [3]
        for line in data.splitlines()[:20]:
            put("fuzz_salvage", bytes([3, 255]) + line)
    else:
        continue
    for case in cases:
        for cut in (128, 200, 255):
            put("fuzz_salvage", bytes([case, cut]) + data)

# fuzz_records: tweet-like JSON, what the codec packs (the lines of every JSON-lines file).
for p in files:
    if p.endswith(".jsonl"):
        with open(p, "rb") as f:
            for line in f.read().splitlines()[:20]:
                put("fuzz_records", line)

# Inputs that once crashed a target (tests/fuzz/regressions/TARGET/): every run tries them again.
for p in glob.glob(os.path.join(SOURCE, "tests", "fuzz", "regressions", "*", "*")):
    with open(p, "rb") as f:
        put(os.path.basename(os.path.dirname(p)), f.read())
for target in ("fuzz_readers", "fuzz_entities", "fuzz_urls", "fuzz_query", "fuzz_terminal_safe", "fuzz_salvage",
               "fuzz_records"):
    print(f"seed: {target}: {len(os.listdir(os.path.join(CORPUS, target)))} inputs")

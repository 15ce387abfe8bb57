#!/usr/bin/env python3
"""Prints the medians of a bench/run JSON file as tables: time per request, requests/s, MB/s,
allocations per request, the ratio of each run to the floor on the same requests and of each
peer to bpv, the scaling runs in ns per byte, and the two-thread throughput. Then the headline
ratios again from the least time of each benchmark's repetitions (the "min" aggregates; their
rate counters are the least rates, so only their times are read): other tenants of a shared
machine only ever add time, so the least is the steadiest figure of one run. Ratios only
compare rows of one run (one file)."""
import json
import sys

# The JSON Schema validators, each beside bpv/mixed (the _no_angles rows: the schema without its
# '<' and '>' rule).
PEERS = ["rapidjson_schema/mixed", "valijson/mixed", "rapidjson_schema_no_angles/mixed", "valijson_no_angles/mixed"]


def medians(path, statistic="median"):
    with open(path) as f:
        data = json.load(f)
    rows = {}
    for b in data["benchmarks"]:
        if b.get("run_type") == "aggregate" and b.get("aggregate_name") != statistic:
            continue
        name = b.get("run_name", b["name"])
        # With repetitions the medians are the aggregates; a run without them has only iterations.
        if b.get("run_type") == "aggregate" or name not in rows:
            rows[name] = b
    return data.get("context", {}), rows


def ns(row):
    scale = {"ns": 1.0, "us": 1e3, "ms": 1e6, "s": 1e9}[row.get("time_unit", "ns")]
    return row["real_time"] * scale  # wall time, Google Benchmark's "Time" column


def stages(rows):
    """The stage/ rows of `rows` and bpv/valid, each with the time it adds to the one before."""
    before = 0.0
    for name in ["stage/index", "stage/bind", "stage/check", "stage/finish", "stage/effective", "bpv/valid"]:
        if rows.get(name):
            t = ns(rows[name])
            print(f"  {name:32} {t:10.1f}  (+{t - before:.1f})")
            before = t


def few(get):
    """The six valid requests over and over (branches learned) beside the thousand varied ones:
    how much of each reader's time is the processor guessing wrong."""
    base = get("floor/valid_few")
    if not base:
        return
    print("\n  the first six valid requests over and over (every branch learned):")
    for p in ["floor", "bpv", "bpv_verdict"]:
        a, b = get(f"{p}/valid_few"), get(f"{p}/valid")
        if a:
            print(f"  {p + '/valid_few':32} {ns(a):10.1f}  {ns(a) / ns(base):.2f}x floor/valid_few"
                  + (f"; {ns(b) - ns(a):.1f} ns less than {p}/valid" if b else ""))


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else "bench/results.json"
    context, rows = medians(path)
    print(f"\n{path}: {context.get('num_cpus', '?')} CPUs at {context.get('mhz_per_cpu', '?')} MHz, "
          f"load {context.get('load_avg', '?')}; medians of {context.get('executable', 'bpv_bench')}")

    def get(name):
        return rows.get(name)

    def line(name, against=None, label=""):
        r = get(name)
        if not r:
            return
        t = ns(r)
        mbs = r.get("bytes_per_second", 0) / 1e6
        rps = r.get("items_per_second", 0)
        allocs = r.get("allocs_per_req")
        extra = ""
        if against and get(against):
            extra = f"{t / ns(get(against)):7.2f}x {label}"
        a = f"{allocs:8.2f}" if allocs is not None else "       -"
        print(f"  {name:32} {t:10.1f} {rps / 1e6:9.3f} {mbs:9.1f} {a}  {extra}")

    print(f"\n  {'benchmark':32} {'ns/req':>10} {'Mreq/s':>9} {'MB/s':>9} {'allocs':>8}  ratio")
    for name, floor in [("floor/valid", None), ("floor/mixed", None), ("dom/mixed", "floor/mixed"),
                        ("dom/valid", "floor/valid"), ("stage1/valid", "floor/valid"), ("bpv/valid", "floor/valid"), ("bpv/noted", None), ("bpv/invalid", None),
                        ("bpv/mixed", "floor/mixed"),
                        ] + [(peer, "floor/mixed") for peer in PEERS]:
        line(name, floor, "the floor")
    for which in ["valid", "noted", "invalid", "mixed"]:
        line(f"bpv_document/{which}", f"bpv/{which}", "bpv (read from the index)")
    for which in ["valid", "mixed"]:
        v, b, f = get(f"bpv_verdict/{which}"), get(f"bpv/{which}"), get(f"floor/{which}")
        if v and b and f:
            line(f"bpv_verdict/{which}", f"floor/{which}", f"the floor, {ns(v) / ns(b):.2f}x bpv/{which}")
    few(get)
    if get("stage/index"):
        print("\n  valid requests through the validator's layers, one more each row (ns added):")
        stages(rows)
    for peer in PEERS:
        if get(peer) and get("bpv/mixed"):
            print(f"  {peer} / bpv/mixed = {ns(get(peer)) / ns(get('bpv/mixed')):.1f}")

    print(f"\n  {'field parsers':26} {'ns/req':>10}  ratio to hand loops")
    for name in ["fields/x3", "fields/hand", "fields/regex"]:
        r = get(name)
        if r and get("fields/hand"):
            print(f"  {name:26} {ns(r):10.1f}  {ns(r) / ns(get('fields/hand')):.2f}x")

    shapes = {}
    for name, r in rows.items():
        parts = name.split("/")
        if len(parts) == 4 and parts[:2] == ["bpv", "scale"]:
            shapes.setdefault(parts[2], []).append((int(parts[3]), r))
    if shapes:
        print(f"\n  {'scaling (bpv)':26} {'bytes':>9} {'ns/req':>12} {'ns/byte':>8} {'allocs':>9}")
        for shape, runs in sorted(shapes.items()):
            per_byte = []
            for size, r in sorted(runs):
                b = r.get("body_bytes", size)
                per_byte.append((size, ns(r) / b))
                print(f"  {shape:26} {b:9.0f} {ns(r):12.0f} {ns(r) / b:8.3f} {r.get('allocs_per_req', 0):9.0f}")
            band = [p for s, p in per_byte if s >= 1024]
            if band:
                print(f"  {shape:26} ns/byte from 1 KiB to 1 MiB spans {max(band) / min(band):.2f}x")

    _, least = medians(path, "min")
    if any(r.get("aggregate_name") == "min" for r in least.values()):
        print("\n  the least of the repetitions (ns/req), the same ratios:")
        for name, against, label in [("floor/valid", None, ""), ("bpv/valid", "floor/valid", "the floor"),
                                     ("bpv_verdict/valid", "floor/valid", "the floor"),
                                     ("floor/mixed", None, ""), ("bpv/mixed", "floor/mixed", "the floor"),
                                     ("bpv_verdict/mixed", "floor/mixed", "the floor"),
                                     ] + [(peer, "bpv/mixed", "bpv") for peer in PEERS] + [
                                     ("fields/x3", "fields/hand", "the hand loops")]:
            r, a = least.get(name), least.get(against) if against else None
            if r:
                print(f"  {name:32} {ns(r):10.1f}" + (f"  {ns(r) / ns(a):.2f}x {label}" if a else ""))
        few(least.get)
        if least.get("stage/index"):
            stages(least)

    one = get("bpv/mixed_threads/real_time/threads:1")
    two = get("bpv/mixed_threads/real_time/threads:2")
    if one and two:
        print(f"\n  two threads, one validator each: {two['items_per_second'] / one['items_per_second']:.2f}x "
              f"the requests/s of one ({one['items_per_second'] / 1e6:.2f} M/s -> {two['items_per_second'] / 1e6:.2f} M/s)")


if __name__ == "__main__":
    main()

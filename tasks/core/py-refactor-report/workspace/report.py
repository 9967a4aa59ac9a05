def build_report(lines):
    rows = []
    for line in lines:
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        region, amount = [p.strip() for p in line.split(",")]
        if "." in amount:
            whole, frac = amount.split(".")
            frac = (frac + "00")[:2]
        else:
            whole, frac = amount, "00"
        sign = -1 if whole.startswith("-") else 1
        cents = sign * (abs(int(whole)) * 100 + int(frac))
        rows.append((region, cents))
    totals = {}
    for region, cents in rows:
        totals[region] = totals.get(region, 0) + cents
    width = max([len(r) for r in totals] + [len("TOTAL")])
    out = []
    for region in sorted(totals, key=lambda r: (-totals[r], r)):
        c = totals[region]
        out.append(f"{region:<{width}}  {'-' if c < 0 else ''}{abs(c) // 100}.{abs(c) % 100:02d}")
    grand = sum(totals.values())
    out.append(f"{'TOTAL':<{width}}  {'-' if grand < 0 else ''}{abs(grand) // 100}.{abs(grand) % 100:02d}")
    return "\n".join(out) + "\n"

from dataclasses import dataclass


@dataclass(frozen=True)
class Sale:
    region: str
    cents: int


def _cents(amount: str) -> int:
    whole, _, frac = amount.partition(".")
    sign = -1 if whole.startswith("-") else 1
    return sign * (abs(int(whole)) * 100 + int((frac + "00")[:2]))


def parse_sales(lines):
    sales = []
    for line in lines:
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        region, amount = [p.strip() for p in line.split(",")]
        sales.append(Sale(region, _cents(amount)))
    return sales


def totals_by_region(sales):
    totals = {}
    for sale in sales:
        totals[sale.region] = totals.get(sale.region, 0) + sale.cents
    return totals


def _money(c: int) -> str:
    return f"{'-' if c < 0 else ''}{abs(c) // 100}.{abs(c) % 100:02d}"


def render(totals):
    width = max([len(r) for r in totals] + [len("TOTAL")])
    out = [f"{region:<{width}}  {_money(totals[region])}"
           for region in sorted(totals, key=lambda r: (-totals[r], r))]
    out.append(f"{'TOTAL':<{width}}  {_money(sum(totals.values()))}")
    return "\n".join(out) + "\n"


def build_report(lines):
    return render(totals_by_region(parse_sales(lines)))

"""Amounts in a currency's smallest unit, shown the way people read them."""

from decimal import Decimal

CURRENCY_SYMBOLS = {"usd": "$", "eur": "€", "gbp": "£", "cad": "CA$", "aud": "A$"}


def format_money(amount: int, currency: str, *, cents: bool = True) -> str:
    """8900, "usd" -> "$89.00" ("$89" with cents=False); else the currency code."""
    value = Decimal(amount) / 100
    figure = f"{value:,.2f}" if cents or amount % 100 else f"{value:,.0f}"
    symbol = CURRENCY_SYMBOLS.get(currency.lower())
    return f"{symbol}{figure}" if symbol else f"{currency.upper()} {figure}"

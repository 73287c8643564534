#!/usr/bin/env python3
"""Realistic synthetic schedules of any size, for benchmarks.

    .venv/bin/python benchmarks/generate.py 10000 /tmp/site10k

Writes a complete site folder (pelicanconf.py, schedules/, content/) with 125
offices in all four time zones, the three visit types, multi-day events with
closed days, every status, Markdown descriptions, and announcements naming
events. The same size always gives the same files.
"""

from __future__ import annotations

import random
import sys
from datetime import date, timedelta
from pathlib import Path

from lokal import wilayah

ROOT = Path(__file__).resolve().parent.parent
OFFICES = 125
ZONES = [  # (province, zone, latitude, longitude) – a spread over the archipelago
    ("Aceh", "Asia/Jakarta", 4.7, 96.7), ("Sumatera Utara", "Asia/Jakarta", 2.1, 99.5),
    ("Riau", "Asia/Jakarta", 0.5, 101.4), ("Lampung", "Asia/Jakarta", -4.6, 105.4),
    ("Banten", "Asia/Jakarta", -6.4, 106.1), ("Jawa Barat", "Asia/Jakarta", -6.9, 107.6),
    ("Jawa Tengah", "Asia/Jakarta", -7.2, 110.1), ("Jawa Timur", "Asia/Jakarta", -7.5, 112.2),
    ("Kalimantan Barat", "Asia/Pontianak", -0.1, 109.3), ("Kalimantan Tengah", "Asia/Pontianak", -1.7, 113.4),
    ("Bali", "Asia/Makassar", -8.4, 115.2), ("Nusa Tenggara Barat", "Asia/Makassar", -8.6, 117.4),
    ("Sulawesi Selatan", "Asia/Makassar", -4.1, 120.0), ("Kalimantan Timur", "Asia/Makassar", 0.5, 116.4),
    ("Maluku", "Asia/Jayapura", -3.2, 129.4), ("Papua", "Asia/Jayapura", -2.5, 140.7),
]
TYPES = ("village", "majelis", "school")
PROGRAMS = ("paspor-masuk-desa", "desa-binaan", "imigrasi-masuk-desa", "goes-to-school")
VENUES = {"village": "Balai Desa", "majelis": "Masjid", "school": "SMA Negeri"}
TODAY = date(2026, 6, 1)
"""The synthetic site's "today": visits before it are past, most with results."""
STATUSES = ["scheduled"] * 17 + ["postponed", "cancelled", "full"]
SERVICES = {"village": "[paspor-baru, penggantian-paspor]", "majelis": "[paspor-baru, penggantian-paspor]",
            "school": "[informasi-keimigrasian, paspor-baru]"}
DESCRIPTION = """\
Petugas imigrasi membuka layanan di {venue}. Warga dapat mengajukan **paspor baru**
atau mengganti paspor lama tanpa perlu datang ke kantor.

- Datang sesuai jam layanan
- Bawa dokumen asli dan fotokopi

Informasi lebih lanjut: lihat [panduan berlangganan](https://example.go.id/panduan).
"""


def office_files(index: int, rng: random.Random, per_office: int, start: date):
    province, zone, lat, lon = ZONES[index % len(ZONES)]
    office_id = f"kanim-{index:03d}"
    office = (f"id: {office_id}\nname: Kantor Imigrasi Kelas II Non TPI Contoh {index:03d}\n"
              f"short_name: Kanim Contoh {index:03d}\nprovince: {province}\ntimezone: {zone}\n"
              f'phone: "(0{index:03d}) 000 000"\nemail: humas-{index:03d}@example.go.id\n')
    events = ["events:"]
    for number in range(per_office):
        events.append(event_yaml(number, rng, start, lat, lon, index, official_regency(province, index)))
    return office_id, office, "\n".join(events) + "\n"


def official_regency(province: str, office: int) -> str:
    """One of the province's regencies and cities, by its Kemendagri name (as real schedules write them)."""
    [code] = [w.code for w in wilayah.list_wilayah() if w.name == province]
    regencies = wilayah.list_wilayah(code)
    return regencies[office % len(regencies)].name


def event_yaml(number: int, rng: random.Random, start: date, lat: float, lon: float, office: int,
               regency: str) -> str:
    kind = TYPES[number % 3]
    first = start + timedelta(days=rng.randrange(0, 5 * 365))
    days = rng.choice([1, 1, 1, 1, 3, 5, 7])
    lines = [f"  - id: kegiatan-{number:05d}", f"    type: {kind}", f"    program: {PROGRAMS[number % 4]}",
             f"    title: Layanan paspor {number} di {VENUES[kind]} Contoh {office}-{number % 40}",
             f"    start: {first.isoformat()}"]
    if days > 1:
        lines.append(f"    end: {(first + timedelta(days=days - 1)).isoformat()}")
        lines.append(f"    closed: [{(first + timedelta(days=1)).isoformat()}]")
    if rng.random() < 0.9:
        opens = rng.choice([7, 8, 9, 13])
        lines.append(f'    hours: "{opens:02d}:00-{opens + 3:02d}:00"')
    venue = f"{VENUES[kind]} Contoh {office}-{number % 40}"
    lines += ["    venue:", f"      name: {venue}", f"      village: Desa Contoh {number % 40}",
              f"      district: Kecamatan Contoh {number % 12}", f"      regency: {regency}",
              f"      geo: [{lat + rng.uniform(-0.5, 0.5):.4f}, {lon + rng.uniform(-0.5, 0.5):.4f}]",
              f"    services: {SERVICES[kind]}", "    registration:",
              f'      ways: [m-paspor, walk-in, whatsapp: "0812-{office:04d}-{number % 10000:04d}"]',
              f"    quota: {rng.randrange(50, 400)}"]
    status = rng.choice(STATUSES)
    lines.append(f"    status: {status}")
    if status != "scheduled":
        lines.append("    status_note: Perubahan jadwal karena kegiatan lain di lokasi.")
    lines.append("    description: |")
    lines += [f"      {line}" if line else "" for line in DESCRIPTION.format(venue=venue).splitlines()]
    last = first + timedelta(days=days - 1)
    if status in ("scheduled", "full") and last < TODAY:
        lines += results_yaml(kind, random.Random(office * 100_003 + number))
    return "\n".join(lines)


def results_yaml(kind: str, rng: random.Random) -> list[str]:
    """Most past visits have their results (a drawer of their own, so the schedule stays as it was)."""
    if rng.random() >= 0.85:
        return []
    lines = ["    results:", "      served:"]
    if kind == "school":
        lines += [f"        informasi-keimigrasian: {rng.randrange(20, 300)}",
                  f"      attendees: {rng.randrange(50, 600)}"]
    else:
        lines += [f"        paspor-baru: {rng.randrange(20, 400)}",
                  f"        penggantian-paspor: {rng.randrange(0, 60)}"]
    return lines + ["      note: Pemohon terbanyak pada hari pertama."]


SETTINGS = '''"""Synthetic benchmark site: the project's theme and plugin, these schedules."""
from pathlib import Path

SITE = Path(__file__).resolve().parent
PROJECT = Path("{project}")
PROJECT_SETTINGS = {{}}
exec((PROJECT / "pelicanconf.py").read_text(), {{"__file__": str(PROJECT / "pelicanconf.py")}}, PROJECT_SETTINGS)
globals().update({{k: v for k, v in PROJECT_SETTINGS.items() if k.isupper()}})
PATH = str(SITE / "content")
OUTPUT_PATH = str(SITE / "output")
THEME = str(PROJECT / "theme")
OUTREACH_SCHEDULES_PATH = str(SITE / "schedules")
OUTREACH_TODAY = "{today}"
'''


def generate(size: int, target: Path, seed: int = 1) -> Path:
    rng = random.Random(seed)
    schedules, news = target / "schedules", target / "content" / "pengumuman"
    (target / "content" / "pages").mkdir(parents=True, exist_ok=True)
    news.mkdir(parents=True, exist_ok=True)
    (target / "pelicanconf.py").write_text(SETTINGS.format(project=ROOT, today=TODAY.isoformat()))
    (schedules).mkdir(parents=True, exist_ok=True)
    # The project's own service catalogue: the fees and documents of the real regulation.
    (schedules / "services.yaml").write_bytes((ROOT / "schedules" / "services.yaml").read_bytes())
    (schedules / "programs.yaml").write_text("programs:\n" + "".join(
        f"  - id: {p}\n    name: Program {p}\n" for p in PROGRAMS))
    per_office, extra = divmod(size, OFFICES)
    for index in range(OFFICES):
        count = per_office + (1 if index < extra else 0)
        office_id, office, events = office_files(index, rng, count, date(2024, 1, 1))
        folder = schedules / office_id
        folder.mkdir(exist_ok=True)
        (folder / "office.yaml").write_text(office)
        (folder / "kegiatan.yaml").write_text(events)
    for number in range(max(1, size // 50)):
        office = number % OFFICES
        keys = ", ".join(f"kanim-{office:03d}/kegiatan-{n:05d}" for n in range(min(3, per_office or 1)))
        (news / f"pengumuman-{number:05d}.md").write_text(
            f"Title: Pengumuman jadwal {number}\nDate: 2026-01-{number % 28 + 1:02d} 08:00\n"
            f"Slug: pengumuman-{number:05d}\nEvents: {keys}\n\nJadwal layanan terbaru di kantor {office}.\n")
    return target


if __name__ == "__main__":
    generate(int(sys.argv[1]), Path(sys.argv[2]))

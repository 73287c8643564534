"""Incremental builds: after every change the site is byte for byte what a clean build makes.

A copy of the sample site goes through a seeded sequence of the changes staff and
maintainers make (visits added, moved, cancelled, withdrawn, retitled, moved to
another venue, their results reported or corrected; announcements written and
edited; a fee, an office's name, a template, a setting, and the next day). After each step the site built on top of
the previous one is compared with a clean build of the same input (no build
cache, no previous site, the same revision ledger to continue): every file but
Pagefind's filter indexes (``publish/search.py``) must be identical.
"""

from __future__ import annotations

import io
import random
import shutil
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
import yaml
from helpers import PROJECT, build_site, files_of
from pelican import Pelican

from jemput.write import inputs, previous

SEED = 2026
STEPS = 36
"""Every kind of change twice (15 kinds), and six more by chance."""
SETTINGS = '''"""The sample site, copied for incremental-build tests."""
from pathlib import Path

SITE = Path(__file__).resolve().parent
PROJECT_SETTINGS = {{}}
exec(Path("{settings}").read_text(), {{"__file__": "{settings}"}}, PROJECT_SETTINGS)
globals().update({{k: v for k, v in PROJECT_SETTINGS.items() if k.isupper()}})
PATH = str(SITE / "content")
THEME = str(SITE / "theme")
OUTPUT_PATH = str(SITE / "output")
OUTREACH_SCHEDULES_PATH = str(SITE / "schedules")
'''


class Workspace:
    """The sample site's staff files, theme and settings in a folder of their own, and what a step changes."""

    def __init__(self, root: Path, rng: random.Random) -> None:
        self.root, self.rng = root, rng
        for folder in ("schedules", "content", "theme"):
            shutil.copytree(PROJECT / folder, root / folder)
        (root / "pelicanconf.py").write_text(SETTINGS.format(settings=PROJECT / "pelicanconf.py"))
        self.overrides: dict = {"OUTREACH_TODAY": "2026-11-22"}
        self.count = 0

    @property
    def today(self) -> date:
        return date.fromisoformat(self.overrides["OUTREACH_TODAY"])

    def event_files(self) -> list[Path]:
        return sorted(p for p in (self.root / "schedules").glob("*/*.yaml")
                      if p.name not in ("office.yaml", "services.yaml"))

    def load(self, path: Path):
        return yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)

    def dump(self, path: Path, data) -> None:
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")

    def some_event(self, wanted=lambda event: True) -> tuple[Path, dict, dict]:
        """A visit chosen by the seed: (its file, the file's data, the visit)."""
        choices = [(path, index) for path in self.event_files()
                   for index, event in enumerate(self.load(path)["events"]) if wanted(event)]
        path, index = self.rng.choice(choices)
        data = self.load(path)
        return path, data, data["events"][index]

    def change(self, edit) -> str:
        self.count += 1
        return edit(self)


def add_visit(site: Workspace) -> str:
    path = site.rng.choice(site.event_files())
    data = site.load(path)
    start = site.today + timedelta(days=site.rng.randrange(-20, 160))
    data["events"].append({
        "id": f"kunjungan-baru-{site.count}", "type": site.rng.choice(["village", "majelis", "school"]),
        "title": f"Kunjungan baru {site.count}", "start": start.isoformat(),
        "end": (start + timedelta(days=site.rng.randrange(0, 4))).isoformat(), "hours": "08:00-12:00",
        "venue": {"name": f"Balai Warga {site.count}", "regency": "Kota Contoh"}, "services": ["paspor-baru"],
        "registration": {"ways": ["walk-in"]}})
    site.dump(path, data)
    return f"add a visit to {path.parent.name}"


def move_visit(site: Workspace) -> str:
    path, data, event = site.some_event()
    shift = timedelta(days=site.rng.choice([-9, -2, 1, 3, 30, 100]))
    for field in ("start", "end"):
        if field in event:
            event[field] = (date.fromisoformat(event[field]) + shift).isoformat()
    event["closed"] = [(date.fromisoformat(day) + shift).isoformat() for day in event.get("closed", [])]
    event.pop("registration", None)  # its dates might fall after the new start
    if date.fromisoformat(event.get("end", event["start"])) > site.today:
        event.pop("results", None)  # results come after a visit, never before
    site.dump(path, data)
    return f"move {event['id']} by {shift.days} days"


def set_status(status: str):
    def change(site: Workspace) -> str:
        path, data, event = site.some_event(lambda e: e.get("status") != "withdrawn")
        event["status"], event["status_note"] = status, f"Catatan {site.count}"
        event.pop("results", None)  # a visit that did not take place has none
        site.dump(path, data)
        return f"{status} {event['id']}"
    return change


def retitle_visit(site: Workspace) -> str:
    path, data, event = site.some_event()
    event["title"] = f"{event['title']} (judul {site.count})"
    site.dump(path, data)
    return f"retitle {event['id']}"


def change_venue(site: Workspace) -> str:
    path, data, event = site.some_event()
    event["venue"]["name"] = f"Gedung Serbaguna {site.count}"
    event["venue"]["address"] = f"Jl. Contoh No. {site.count}"
    site.dump(path, data)
    return f"new venue for {event['id']}"


def held_and_over(site: Workspace):
    def wanted(event) -> bool:
        over = date.fromisoformat(event.get("end", event["start"])) <= site.today
        return over and event.get("status", "scheduled") in ("scheduled", "full") and event.get("services")
    return wanted


def report_results(site: Workspace) -> str:
    path, data, event = site.some_event(held_and_over(site))
    service = event["services"][0] if isinstance(event["services"], list) else "paspor-baru"
    event["results"] = {"served": {service: str(site.rng.randrange(0, 2000))},
                        "note": f"Laporan {site.count}"}
    if site.rng.random() < 0.5:
        event["results"]["attendees"] = str(site.rng.randrange(0, 500))
    site.dump(path, data)
    return f"results of {event['id']}"


def edit_announcement(site: Workspace) -> str:
    path = site.rng.choice(sorted((site.root / "content" / "pengumuman").rglob("*.md")))
    text = path.read_text(encoding="utf-8")
    path.write_text(text.rstrip("\n") + f"\n\nPembaruan {site.count}: jadwal diperbarui.\n", encoding="utf-8")
    return f"edit {path.name}"


def add_announcement(site: Workspace) -> str:
    path, data, event = site.some_event()
    office = path.parent.name
    note = site.root / "content" / "pengumuman" / office / f"kabar-{site.count}.md"
    note.parent.mkdir(parents=True, exist_ok=True)
    day = site.today - timedelta(days=site.rng.randrange(0, 20))
    note.write_text(f"Title: Kabar {site.count} dari {office}\nDate: {day.isoformat()} 09:00\n"
                    f"Events: {office}/{event['id']}\n\nKabar terbaru tentang kunjungan ini.\n", encoding="utf-8")
    return f"announce {office}/{event['id']}"


def change_fee(site: Workspace) -> str:
    path = site.root / "schedules" / "services.yaml"
    data = site.load(path)
    service = site.rng.choice([s for s in data["services"] if s.get("fees")])
    fee = site.rng.choice(service["fees"])
    fee["amount"] = str(int(fee["amount"]) + 50_000)
    site.dump(path, data)
    return f"raise a fee of {service['id']}"


def rename_office(site: Workspace) -> str:
    path = site.rng.choice(sorted((site.root / "schedules").glob("*/office.yaml")))
    data = site.load(path)
    data["name"] = f"{data['name']} ({site.count})"
    site.dump(path, data)
    return f"rename {data['id']}"


def edit_template(site: Workspace) -> str:
    name = site.rng.choice(["event.html", "listing.html", "agenda.html", "_macros.html", "base.html",
                            "statistics.html"])
    path = site.root / "theme" / "templates" / name
    path.write_text(path.read_text(encoding="utf-8") + f"{{# perubahan {site.count} #}}\n", encoding="utf-8")
    if name != "_macros.html":  # a comment changes no byte of the pages: make one that does
        path.write_text(path.read_text(encoding="utf-8").replace(
            "{% block content %}", f"{{% block content %}}<!-- v{site.count} -->", 1), encoding="utf-8")
    return f"edit the template {name}"


def change_setting(site: Workspace) -> str:
    name, value = site.rng.choice([("OUTREACH_PER_PAGE", site.rng.choice([3, 20])),
                                   ("SITENAME", f"Jemput {site.count}"),
                                   ("OUTREACH_SHARE_HORIZON_DAYS", site.rng.choice([20, 120])),
                                   ("OUTREACH_SEARCH_BUNDLE_PAGES", site.rng.choice([2, 3])),
                                   ("OUTREACH_CALENDAR_MAX_BYTES", site.rng.choice([6000, 1_000_000])),
                                   ("OUTREACH_HOME_EVENTS", site.rng.choice([2, 6]))])
    site.overrides[name] = value
    return f"set {name} = {value!r}"


def next_day(site: Workspace) -> str:
    site.overrides["OUTREACH_TODAY"] = (site.today + timedelta(days=1)).isoformat()
    return f"today is {site.overrides['OUTREACH_TODAY']}"


CHANGES = (add_visit, move_visit, set_status("cancelled"), set_status("withdrawn"), set_status("postponed"),
           retitle_visit, change_venue, report_results, edit_announcement, add_announcement, change_fee,
           rename_office, edit_template, change_setting, next_day)


def sequence(rng: random.Random, steps: int) -> list:
    """Every kind of change at least twice, the rest by chance, in a shuffled order."""
    chosen = [*CHANGES, *CHANGES]
    chosen += [rng.choice(CHANGES) for _ in range(steps - len(chosen))]
    rng.shuffle(chosen)
    return chosen


def clean_build(site: Workspace, ledger: Path, target: Path) -> int:
    """The same input built from nothing: no build cache, no previous site, the same ledger to continue."""
    shutil.rmtree(target, ignore_errors=True)
    overrides = {**site.overrides, "OUTREACH_CACHE_PATH": False, "OUTREACH_PREVIOUS_SITE": str(ledger)}
    return build_site(site.root / "pelicanconf.py", target, overrides)


def keep_ledger(output: Path, ledger: Path) -> None:
    """The ledger the next build continues, for the clean build to continue too."""
    shutil.rmtree(ledger, ignore_errors=True)
    ledger.mkdir()
    if (output / "revisions.json").is_file():
        shutil.copy2(output / "revisions.json", ledger / "revisions.json")


def test_every_step_of_a_long_sequence_of_changes_gives_the_clean_build(tmp_path):
    rng = random.Random(SEED)
    site = Workspace(tmp_path / "site", rng)
    site.overrides["OUTREACH_SEARCH_BUNDLE_PAGES"] = 2  # quarters split: visits added and moved change the splits
    output, ledger, clean = site.root / "output", tmp_path / "ledger", tmp_path / "clean"
    assert build_site(site.root / "pelicanconf.py", output, site.overrides) == 0
    done = []
    for change in sequence(rng, STEPS):
        done.append(site.change(change))
        keep_ledger(output, ledger)
        assert build_site(site.root / "pelicanconf.py", output, site.overrides) == 0, done
        assert clean_build(site, ledger, clean) == 0, done
        incremental, expected = files_of(output), files_of(clean)
        differing = sorted(p for p in incremental.keys() | expected.keys() if incremental.get(p) != expected.get(p))
        assert differing == [], f"after {done}: {differing[:10]}"
    assert len(done) == STEPS >= 30


@pytest.fixture
def sample_copy(tmp_path) -> Workspace:
    return Workspace(tmp_path / "site", random.Random(SEED))


def build(site: Workspace, **overrides) -> int:
    return build_site(site.root / "pelicanconf.py", site.root / "output", {**site.overrides, **overrides})


def written_by_next_build(site: Workspace, staged: list | None = None) -> list[str]:
    """The first path of every job the next build writes (the others are carried over); ``staged``
    receives the files it wrote (a job's files the same as the site's are not)."""
    seen = []
    original = previous.SiteUpdate.commit

    def commit(update):
        seen.extend(sorted(set(update.jobs) - update.carried))
        if staged is not None:
            staged.extend(sorted(update._staged_files()))
        return original(update)

    previous.SiteUpdate.commit = commit
    try:
        assert build(site) == 0
    finally:
        previous.SiteUpdate.commit = original
    return seen


def test_an_unchanged_site_writes_nothing_and_a_retitled_visit_only_what_shows_it(sample_copy):
    site = sample_copy
    assert build(site) == 0
    assert written_by_next_build(site) == []
    fragments = site.root / "output" / "pagefind" / "2026-q4" / "fragment"
    before = {f.name for f in fragments.iterdir()}
    path = site.root / "schedules" / "makassar" / "2026.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "title: Imigrasi Masuk Desa di Kabupaten Maros (contoh)", "title: Imigrasi Masuk Desa di Maros"),
        encoding="utf-8")
    staged = []
    written = written_by_next_build(site, staged)
    visit = "kegiatan/makassar/desa-contoh-maros-2026/"
    assert {visit + "index.html", visit + "desa-contoh-maros-2026.ics", visit + "poster/index.html",
            visit + "gambar-1200x630.png", "kantor/makassar/index.html", "kegiatan/index.html",
            "pagefind/2026-q4/pagefind-entry.json"} <= set(written)
    other_visits = [p for p in written if p.startswith("kegiatan/") and p.count("/") > 1 and not p.startswith(visit)]
    assert other_visits == []
    assert not any(p.startswith(("kantor/serang/", "kantor/blitar/", "pagefind/2027-q1/")) for p in written)
    assert not any(p.startswith("pengumuman/") for p in written)  # no announcement names the visit
    # The quarter's index is made again; its other pages' fragments come out the same and are not written.
    after = {f.name for f in fragments.iterdir()}
    assert len(before) == len(after) > 3
    [new_fragment] = after - before
    assert [p for p in staged if p.startswith("pagefind/2026-q4/fragment/")] == [
        f"pagefind/2026-q4/fragment/{new_fragment}"]


def test_an_announcement_page_is_written_again_only_when_a_visit_it_names_changes(sample_copy):
    """Pelican writes the announcements' pages; those whose announcement and visits did not change
    stay as the site has them."""
    site = sample_copy
    assert build(site) == 0
    path = site.root / "schedules" / "serang" / "2026-12.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "title: Paspor Masuk Desa di Balai Desa (contoh)", "title: Paspor Masuk Desa di Kramatwatu"),
        encoding="utf-8")
    written = written_by_next_build(site)
    assert "pengumuman/jadwal-desember-2026/index.html" in written  # names the retitled visit
    assert not {"pengumuman/paspor-masuk-desa-al-faruq/index.html",
                "pengumuman/desa-binaan-bakung/index.html"} & set(written)
    page = (site.root / "output" / "pengumuman" / "jadwal-desember-2026" / "index.html").read_text(encoding="utf-8")
    assert "Paspor Masuk Desa di Kramatwatu" in page
    assert (site.root / "output" / "pengumuman" / "paspor-masuk-desa-al-faruq" / "index.html").is_file()


def test_a_lost_or_damaged_cache_or_site_costs_time_never_a_wrong_byte(sample_copy, tmp_path):
    site = sample_copy
    output, clean = site.root / "output", tmp_path / "clean"
    assert build(site) == 0
    assert clean_build(site, output, clean) == 0
    expected = files_of(clean)

    def damage_and_rebuild(damage) -> None:
        damage()
        assert build(site) == 0, damage.__name__
        assert files_of(output) == expected, damage.__name__

    manifest = next((site.root / ".jemput-cache" / "sites").glob("*.pickle"))

    def garbage_manifest():
        manifest.write_bytes(b"not a manifest")

    def no_cache():
        shutil.rmtree(site.root / ".jemput-cache")

    def deleted_file():
        (output / "kegiatan/serang/balai-desa-kramatwatu-2026/index.html").unlink()

    def changed_file_same_size():
        page = output / "kantor/serang/index.html"
        data = bytearray(page.read_bytes())
        data[-10] = ord("X")
        page.write_bytes(bytes(data))

    def stranger_file():
        (output / "kegiatan" / "asing.html").write_text("<p>asing</p>")

    def foreign_site():
        other = tmp_path / "other"
        assert build_site(PROJECT / "tests" / "data" / "site" / "pelicanconf.py", other) == 0
        shutil.rmtree(output)
        shutil.copytree(other, output)
        shutil.copy2(clean / "revisions.json", output)  # the ledger is the live site's: it continues

    def removed_site():
        shutil.rmtree(output)

    for damage in (garbage_manifest, no_cache, deleted_file, changed_file_same_size, stranger_file, foreign_site,
                   removed_site):
        damage_and_rebuild(damage)


def test_a_restored_copy_of_the_site_is_recognised_by_its_bytes(sample_copy):
    site = sample_copy
    output = site.root / "output"
    assert build(site) == 0
    copy = site.root / "copy"
    shutil.copytree(output, copy, copy_function=shutil.copyfile)  # new times, as a restored cache has
    shutil.rmtree(output)
    copy.rename(output)
    assert written_by_next_build(site) == []


def test_builds_started_together_take_turns_and_leave_the_clean_site(sample_copy, tmp_path):
    site = sample_copy
    script = ("import sys; from jemput.commands.build import build_site; "
              "sys.exit(build_site(sys.argv[1], sys.argv[2], {'OUTREACH_TODAY': '2026-11-22'}))")
    command = [sys.executable, "-c", script, str(site.root / "pelicanconf.py"), str(site.root / "output")]
    running = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
               for _ in range(3)]
    finished = [process.communicate(timeout=600) + (process.returncode,) for process in running]
    assert [code for _, _, code in finished] == [0, 0, 0], [err[-2000:] for _, err, _ in finished]
    assert sum("menunggu sampai selesai" in err for _, err, _ in finished) >= 1
    assert not list(site.root.glob(".output.building*"))
    assert clean_build(site, site.root / "output", tmp_path / "clean") == 0
    assert files_of(site.root / "output") == files_of(tmp_path / "clean")


def test_a_build_told_not_to_wait_stops_at_once_and_changes_nothing(sample_copy):
    site = sample_copy
    output = site.root / "output"
    assert build(site) == 0
    before = files_of(output)
    holder = subprocess.Popen(  # another process holding the folder's lock, as a running build does
        [sys.executable, "-c", "import sys; from pathlib import Path; from jemput.commands.build import "
         "one_build_at_a_time; from jemput.text import Text\n"
         "with one_build_at_a_time(Path(sys.argv[1]), sys.stderr, Text(), wait=True):\n"
         "    print('held', flush=True); sys.stdin.read()", str(output)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        err = io.StringIO()
        code = build_site(site.root / "pelicanconf.py", output, site.overrides, stderr=err, wait=False)
    finally:
        holder.communicate("", timeout=60)
    assert code == 1
    assert "Build lain untuk" in err.getvalue() and "tidak ada yang dibangun" in err.getvalue()
    assert files_of(output) == before


def test_a_build_of_unchanged_input_on_an_intact_site_does_nothing_and_any_change_builds(sample_copy, monkeypatch):
    site = sample_copy
    assert build(site) == 0
    runs = []
    real = Pelican.run
    monkeypatch.setattr(Pelican, "run", lambda pelican: runs.append(1) or real(pelican))
    assert build(site) == 0 and runs == []
    changes = [
        lambda: (site.root / "content" / "pages" / "berlangganan.md").write_text(
            (site.root / "content" / "pages" / "berlangganan.md").read_text() + "\nTambahan.\n"),
        lambda: (site.root / "theme" / "static" / "css" / "site.css").write_text(
            (site.root / "theme" / "static" / "css" / "site.css").read_text() + "\n/* v2 */\n"),
        lambda: site.overrides.update(OUTREACH_TODAY="2026-11-23"),
        lambda: (site.root / "output" / "cari" / "index.html").write_text("rusak"),
    ]
    for change in changes:
        change()
        assert build(site) == 0
        assert len(runs) == 1, change
        runs.clear()
        assert build(site) == 0 and runs == []


def test_a_commit_that_fails_halfway_leaves_the_previous_site_as_it_was(sample_copy, monkeypatch, tmp_path):
    site = sample_copy
    output = site.root / "output"
    assert build(site) == 0
    before = files_of(output)
    site.change(retitle_visit)
    site.change(add_announcement)
    moved, real = [], previous._Journal.put

    def failing(journal, staged, path):
        if len(moved) == 3:
            raise OSError(28, "No space left on device")
        moved.append(path)
        return real(journal, staged, path)

    monkeypatch.setattr(previous._Journal, "put", failing)
    err = io.StringIO()
    assert build_site(site.root / "pelicanconf.py", output, site.overrides, stderr=err) == 1
    assert "No space left on device" in err.getvalue() and len(moved) == 3
    assert files_of(output) == before
    assert not list(site.root.glob(".output.replaced-*")) and not list(site.root.glob(".output.building-*"))
    monkeypatch.undo()
    keep_ledger(output, tmp_path / "ledger")
    assert build(site) == 0
    assert clean_build(site, tmp_path / "ledger", tmp_path / "clean") == 0
    assert files_of(output) == files_of(tmp_path / "clean")


def test_a_function_in_the_settings_counts_by_its_code_not_its_address():
    def shout(text):
        return text.upper()

    def whisper(text):
        return text.lower()

    def shout_again(text):
        return text.upper()

    as_text = [inputs.settings_text({"JINJA_FILTERS": {"f": f}}) for f in (shout, shout, whisper)]
    assert as_text[0] == as_text[1] != as_text[2]
    assert inputs.settings_text({"JINJA_FILTERS": {"f": shout_again}}).split(" ")[-1] == as_text[0].split(" ")[-1]


def test_the_manifest_keeps_its_marks_in_columns_and_reads_them_back_the_same():
    import pickle

    marks = {"kegiatan/a/index.html": previous.Mark(5120, 1_764_000_000_123_456_789, bytes(range(32))),
             "feeds/semua.atom.xml": previous.Mark(0, -1, b"\xff" * 32)}
    manifest = previous.Manifest("/site/output", {"kegiatan/a/index.html": (b"key", ("kegiatan/a/index.html",))},
                                 marks, {"": 1, "kegiatan/a": 2}, b"inputs", ("a warning",), 1, 42)
    version, back = pickle.loads(pickle.dumps((previous.FORMAT_VERSION, manifest)))
    assert version == previous.FORMAT_VERSION and back == manifest
    assert list(back.files) == list(marks) and all(isinstance(mark, previous.Mark) for mark in back.files.values())
    with pytest.raises(ValueError):  # a mark that is not a SHA-256 would shift every digest after it
        pickle.dumps(previous.Manifest("/site/output", files={"x": previous.Mark(1, 1, b"short")}))
    older = previous.Manifest.__new__(previous.Manifest)  # the state of a manifest of the older format
    older.__setstate__({**back.__dict__, "files": dict(marks)})
    assert older.files == marks  # read as it is: its version number then turns it away


def test_the_folders_of_the_sites_files_are_each_files_folders_up_to_the_site():
    paths = ["index.html", "kegiatan/kanim-001/desa/index.html", "kegiatan/kanim-001/desa/desa.ics",
             "kegiatan/kanim-001/masjid/index.html", "kegiatan/kanim-0012/index.html", "a/b/c/d/e.txt", "a/b/f.txt"]
    assert previous._folders_of(paths) == {
        "", "kegiatan", "kegiatan/kanim-001", "kegiatan/kanim-001/desa", "kegiatan/kanim-001/masjid",
        "kegiatan/kanim-0012", "a", "a/b", "a/b/c", "a/b/c/d"}
    assert previous._folders_of([]) == set() and previous._folders_of(["robots.txt"]) == {""}

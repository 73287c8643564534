"""What each problem says, in Indonesian (the default) and English.

Every entry is (message, hint). Staff read these in the GitHub web editor's
check results, so each hint says what to type instead.
"""

from __future__ import annotations

_ID = {
    "file.too_large": ("berkas terlalu besar ({size} bita, batas {limit})",
                       "pecah jadwal menjadi beberapa berkas, misalnya satu berkas per bulan"),
    "file.empty": ("berkas kosong", "isi berkas atau hapus berkas ini"),
    "file.bom": ("berkas diawali penanda BOM", "simpan berkas sebagai UTF-8 tanpa BOM; berkas tetap dibaca"),
    "file.not_utf8": ("berkas bukan teks UTF-8", "simpan ulang berkas dengan pengodean UTF-8"),
    "file.misplaced": ("berkas jadwal harus berada di folder kantor",
                       "pindahkan ke schedules/<kantor>/; hanya programs.yaml yang boleh di sini"),
    "office.missing_file": ("folder kantor tanpa office.yaml", "buat {folder}/office.yaml berisi data kantor"),
    "office.not_found": ("tidak ada folder kantor '{value}' untuk pratinjau",
                         "{suggestion} tulis nama folder di schedules/"),
    "office.id_mismatch": ("id kantor '{value}' berbeda dengan nama folder '{folder}'",
                           "tulis id: {folder}"),
    "yaml.tab": ("karakter tab", "ganti tab dengan spasi; YAML hanya menerima spasi untuk indentasi"),
    "yaml.syntax": ("penulisan YAML tidak valid: {detail}",
                    "periksa indentasi dan tanda titik dua; apit teks berisi ': ' atau '#' dengan tanda kutip"),
    "yaml.alias": ("alias YAML (*nama) tidak diizinkan", "tulis nilainya secara lengkap"),
    "yaml.anchor": ("anchor YAML (&nama) tidak diizinkan", "hapus &nama dan tulis nilainya secara lengkap"),
    "yaml.duplicate_key": ("kunci '{key}' ditulis dua kali (pertama di baris {first_line})",
                           "hapus salah satunya"),
    "yaml.complex_key": ("kunci harus berupa teks sederhana", "tulis kunci seperti judul: ..."),
    "yaml.many_documents": ("satu berkas hanya boleh berisi satu dokumen", "hapus baris '---' kedua"),
    "yaml.too_deep": ("susunan data terlalu dalam", "periksa indentasi"),
    "field.missing": ("kolom wajib '{name}' belum diisi", "tambahkan {name}: ..."),
    "field.unknown": ("kolom '{name}' tidak dikenal", "{suggestion}"),
    "value.not_text": ("harus berupa teks, bukan daftar atau susunan", "tulis nilainya pada baris yang sama"),
    "value.invalid": ("nilai tidak valid: {detail}", "lihat docs/format-jadwal.md"),
    "mapping.expected": ("harus berupa susunan kolom", "tulis kolom di baris berikutnya dengan indentasi dua spasi"),
    "list.expected": ("harus berupa daftar", "tulis setiap butir di baris sendiri diawali '- '"),
    "text.empty": ("tidak boleh kosong", "isi nilainya atau hapus baris ini"),
    "text.too_long": ("teks terlalu panjang", "persingkat teksnya"),
    "id.invalid": ("id '{value}' tidak valid",
                   "gunakan huruf kecil, angka dan tanda hubung, misalnya al-faruq-2022"),
    "id.duplicate": ("id '{value}' sudah dipakai di {first}", "pilih id lain; id tidak boleh dipakai ulang"),
    "date.format": ("tanggal '{value}' tidak dalam format TTTT-BB-HH", "tulis misalnya 2022-08-04"),
    "date.not_real": ("tanggal '{value}' tidak ada di kalender", "periksa hari dan bulannya"),
    "date.end_before_start": ("tanggal selesai {end} sebelum tanggal mulai {start}",
                              "end adalah hari terakhir; tulis tanggal yang sama atau sesudah start"),
    "date.closed_outside": ("hari libur {value} di luar rentang kegiatan", "hapus tanggal ini dari closed"),
    "date.all_closed": ("semua hari kegiatan ditandai libur", "periksa daftar closed"),
    "hours.format": ("jam '{value}' tidak dalam format JJ:MM-JJ:MM",
                     "tulis dengan tanda kutip, misalnya hours: \"08:00-15:00\""),
    "hours.not_real": ("jam '{value}' tidak ada", "jam 00-23, menit 00-59"),
    "hours.order": ("jam tutup '{value}' tidak sesudah jam buka", "tulis jam buka lalu jam tutup, misalnya 08:00-15:00"),
    "integer.invalid": ("'{value}' bukan bilangan bulat", "tulis angka saja, misalnya 300"),
    "url.invalid": ("alamat '{value}' tidak valid", "tulis alamat lengkap diawali https://"),
    "region_code.invalid": ("kode wilayah '{value}' tidak valid", "tulis dengan tanda kutip, misalnya \"32.01.01.2001\""),
    "timezone.unknown": ("zona waktu '{value}' tidak dikenal", "misalnya Asia/Jakarta"),
    "timezone.not_allowed": ("zona waktu '{value}' tidak dikenal", "pilih salah satu: {allowed}"),
    "choice.invalid": ("'{value}' bukan pilihan yang tersedia", "{suggestion} pilih salah satu: {allowed}"),
    "geo.format": ("koordinat harus dua angka [lintang, bujur]", "tulis misalnya geo: [-6.31, 106.10]"),
    "geo.range": ("koordinat {lat}, {lon} di luar jangkauan", "lintang -90..90, bujur -180..180"),
    "program.unknown": ("program '{value}' tidak ada di programs.yaml", "{suggestion}"),
    "announcement.unknown_event": ("kegiatan '{value}' tidak ditemukan", "{suggestion}"),
    "yaml.comment_in_value": ("teks '{rest}' sesudah '{value}' dibaca sebagai komentar",
                              "apit seluruh nilai dengan tanda kutip, misalnya \"{value} {rest}\""),
    "yaml.boolean_word": ("'{value}' bukan pilihan yang tersedia (YAML lama membacanya sebagai ya/tidak)",
                          "{suggestion} pilih salah satu: {allowed}"),
    "integer.leading_zero": ("'{value}' dibaca sebagai angka {number}", "tulis tanpa nol di depan"),
    "warn.past_new": ("kegiatan baru ini sudah lewat (hari terakhir {end})",
                      "periksa tahun pada start dan end; abaikan bila memang mencatat arsip"),
    "warn.far_future": ("kegiatan dimulai lebih dari setahun lagi ({start})", "periksa tahunnya"),
    "warn.same_place_time": ("tempat dan waktu sama dengan {other}", "periksa tanggal dan jam, atau hapus salah satunya"),
    "warn.geo_outside": ("koordinat {lat}, {lon} berada di luar Indonesia",
                         "tulis lintang dulu lalu bujur, misalnya [-6.31, 106.10]"),
    "geo.swapped": ("koordinat {lat}, {lon} tampaknya tertukar", "tulis lintang dulu lalu bujur: [{lon}, {lat}]"),
    "warn.quota_zero": ("kuota 0", "hapus quota bila tidak dibatasi, atau tulis status: full bila sudah penuh"),
    "suggest": ("maksud Anda '{value}'?", ""),
    "suggest.none": ("periksa ejaannya", ""),
}

_EN = {
    "file.too_large": ("file too large ({size} bytes, limit {limit})", "split the schedule into several files, e.g. one per month"),
    "file.empty": ("file is empty", "fill it in or delete the file"),
    "file.bom": ("file starts with a byte-order mark", "save as UTF-8 without BOM; the file is still read"),
    "file.not_utf8": ("file is not UTF-8 text", "save the file again as UTF-8"),
    "file.misplaced": ("schedule files belong in an office folder", "move it to schedules/<office>/; only programs.yaml lives here"),
    "office.missing_file": ("office folder without office.yaml", "create {folder}/office.yaml with the office's details"),
    "office.not_found": ("no office folder '{value}' to preview", "{suggestion} name a folder in schedules/"),
    "office.id_mismatch": ("office id '{value}' differs from the folder name '{folder}'", "write id: {folder}"),
    "yaml.tab": ("tab character", "replace tabs with spaces; YAML indents with spaces only"),
    "yaml.syntax": ("invalid YAML: {detail}", "check indentation and colons; quote text containing ': ' or '#'"),
    "yaml.alias": ("YAML aliases (*name) are not allowed", "write the value out in full"),
    "yaml.anchor": ("YAML anchors (&name) are not allowed", "remove &name and write values out in full"),
    "yaml.duplicate_key": ("key '{key}' is written twice (first on line {first_line})", "remove one of them"),
    "yaml.complex_key": ("keys must be plain text", "write keys like title: ..."),
    "yaml.many_documents": ("a file holds one document only", "remove the second '---' line"),
    "yaml.too_deep": ("data nested too deeply", "check the indentation"),
    "field.missing": ("required field '{name}' is missing", "add {name}: ..."),
    "field.unknown": ("unknown field '{name}'", "{suggestion}"),
    "value.not_text": ("must be text, not a list or mapping", "write the value on the same line"),
    "value.invalid": ("invalid value: {detail}", "see docs/format-jadwal.md"),
    "mapping.expected": ("must be a mapping of fields", "write the fields on the next lines, indented by two spaces"),
    "list.expected": ("must be a list", "write each item on its own line starting with '- '"),
    "text.empty": ("must not be empty", "fill in the value or remove the line"),
    "text.too_long": ("text too long", "shorten it"),
    "id.invalid": ("id '{value}' is not valid", "use lower-case letters, digits and hyphens, e.g. al-faruq-2022"),
    "id.duplicate": ("id '{value}' is already used at {first}", "choose another id; ids are never reused"),
    "date.format": ("date '{value}' is not in YYYY-MM-DD form", "write e.g. 2022-08-04"),
    "date.not_real": ("date '{value}' does not exist", "check the day and month"),
    "date.end_before_start": ("end {end} is before start {start}", "end is the last day: the same as start or later"),
    "date.closed_outside": ("closed day {value} is outside the event", "remove it from closed"),
    "date.all_closed": ("every day of the event is closed", "check the closed list"),
    "hours.format": ("hours '{value}' are not HH:MM-HH:MM", "quote them, e.g. hours: \"08:00-15:00\""),
    "hours.not_real": ("hours '{value}' do not exist", "hours 00-23, minutes 00-59"),
    "hours.order": ("closing time in '{value}' is not after opening", "write opening then closing, e.g. 08:00-15:00"),
    "integer.invalid": ("'{value}' is not a whole number", "write digits only, e.g. 300"),
    "url.invalid": ("address '{value}' is not valid", "write a full address starting with https://"),
    "region_code.invalid": ("region code '{value}' is not valid", "quote it, e.g. \"32.01.01.2001\""),
    "timezone.unknown": ("unknown time zone '{value}'", "e.g. Asia/Jakarta"),
    "timezone.not_allowed": ("time zone '{value}' is not accepted", "choose one of: {allowed}"),
    "choice.invalid": ("'{value}' is not one of the choices", "{suggestion} choose one of: {allowed}"),
    "geo.format": ("geo must be two numbers [latitude, longitude]", "write e.g. geo: [-6.31, 106.10]"),
    "geo.range": ("coordinates {lat}, {lon} are out of range", "latitude -90..90, longitude -180..180"),
    "program.unknown": ("program '{value}' is not in programs.yaml", "{suggestion}"),
    "announcement.unknown_event": ("event '{value}' not found", "{suggestion}"),
    "yaml.comment_in_value": ("text '{rest}' after '{value}' was read as a comment",
                              "quote the whole value, e.g. \"{value} {rest}\""),
    "yaml.boolean_word": ("'{value}' is not one of the choices (old YAML reads it as yes/no)",
                          "{suggestion} choose one of: {allowed}"),
    "integer.leading_zero": ("'{value}' is read as the number {number}", "write it without leading zeros"),
    "warn.past_new": ("this new event is already over (last day {end})",
                      "check the year of start and end; ignore if it records the archive"),
    "warn.far_future": ("event starts more than a year ahead ({start})", "check the year"),
    "warn.same_place_time": ("same place and time as {other}", "check date and hours, or remove the duplicate"),
    "warn.geo_outside": ("coordinates {lat}, {lon} are outside Indonesia",
                         "write latitude first, then longitude, e.g. [-6.31, 106.10]"),
    "geo.swapped": ("coordinates {lat}, {lon} look swapped", "latitude first, then longitude: [{lon}, {lat}]"),
    "warn.quota_zero": ("quota is 0", "remove quota if unlimited, or write status: full when booked out"),
    "suggest": ("did you mean '{value}'?", ""),
    "suggest.none": ("check the spelling", ""),
}

CATALOGUES = {"id": _ID, "en": _EN}


class _Blank(dict):
    def __missing__(self, key: str) -> str:
        return ""


def render_message(code: str, params: dict, lang: str = "id") -> tuple[str, str]:
    """The (message, hint) for a problem code, filled with its parameters.

    A ``suggest`` parameter (a close match, or "" when none) becomes the
    "did you mean" text in the reader's language.
    """
    catalogue = CATALOGUES.get(lang, _ID)
    message, hint = catalogue.get(code, catalogue["value.invalid"])
    values = _Blank(params)
    if "suggest" in params:
        key = "suggest" if params["suggest"] else "suggest.none"
        values["suggestion"] = catalogue[key][0].format(value=params["suggest"])
    return message.format_map(values), hint.format_map(values).strip()

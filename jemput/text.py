"""The interface text of the site, in Indonesian (default) and English.

Templates write ``_("Upcoming visits")``; message ids are English, so the
English edition needs only the labels that are codes (``type:village``).
"""

from __future__ import annotations

INDONESIAN = {
    "Upcoming visits": "Jadwal layanan mendatang",
    "Past visits": "Layanan yang sudah berlangsung",
    "Latest announcements": "Pengumuman terbaru",
    "Announcements": "Pengumuman",
    "All upcoming visits": "Semua jadwal mendatang",
    "Archive": "Arsip",
    "Offices": "Kantor",
    "Regions": "Wilayah",
    "Programs": "Program",
    "Visit types": "Jenis layanan",
    "Home": "Beranda",
    "Main navigation": "Navigasi utama",
    "Skip to content": "Langsung ke isi",
    "When": "Waktu",
    "Where": "Tempat",
    "What to bring": "Yang perlu dibawa",
    "Services": "Layanan",
    "Quota": "Kuota",
    "%(count)s applicants": "%(count)s pemohon",
    "Contact": "Kontak",
    "Partner": "Mitra",
    "Registration": "Pendaftaran",
    "Register here": "Daftar di sini",
    "Organised by": "Penyelenggara",
    "Program": "Program",
    "Related announcements": "Pengumuman terkait",
    "Visits in this announcement": "Kegiatan dalam pengumuman ini",
    "About this visit": "Tentang kegiatan ini",
    "Map (OpenStreetMap)": "Peta (OpenStreetMap)",
    "Region code": "Kode wilayah",
    "every day": "setiap hari",
    "all day": "sepanjang hari",
    "No service on": "Tidak ada layanan pada",
    "No visits here yet.": "Belum ada jadwal di sini.",
    "Page %(number)s of %(total)s": "Halaman %(number)s dari %(total)s",
    "Previous page": "Halaman sebelumnya",
    "Next page": "Halaman berikutnya",
    "Pagination": "Navigasi halaman",
    "%(done)s of %(target)s places": "%(done)s dari %(target)s tempat",
    "Target by %(date)s": "Target hingga %(date)s",
    "%(count)s visits": "%(count)s kegiatan",
    "Status": "Status",
    "Note": "Keterangan",
    "Address": "Alamat",
    "Phone": "Telepon",
    "Email": "Surel",
    "Time zone": "Zona waktu",
    "Public outreach schedule": "Jadwal layanan jemput bola",
    "Published": "Diterbitkan",
    "Visits of %(name)s": "Jadwal %(name)s",
    "Visits in %(name)s": "Jadwal di %(name)s",
    "Program %(name)s": "Program %(name)s",
    "Schedules are published by each office. Times are local.":
        "Jadwal diterbitkan oleh masing-masing kantor. Waktu sesuai zona setempat.",
    "Subscribe": "Berlangganan",
    "Get these visits in your calendar app; changes and cancellations arrive by themselves.":
        "Masukkan jadwal ini ke aplikasi kalender; perubahan dan pembatalan akan ikut diperbarui.",
    "Subscribe in a calendar app (iPhone, Outlook)": "Berlangganan di aplikasi kalender (iPhone, Outlook)",
    "Subscribe in Google Calendar": "Berlangganan di Google Kalender",
    "Calendar address to copy": "Alamat kalender untuk disalin",
    "News feeds": "Umpan berita",
    "How to subscribe": "Cara berlangganan",
    "Open data": "Data terbuka",
    "Calendar of all visits": "Kalender semua jadwal",
    "Add to calendar (.ics)": "Simpan ke kalender (.ics)",
    "Add to Google Calendar": "Simpan ke Google Kalender",
    "Share on WhatsApp": "Bagikan lewat WhatsApp",
    "type:village": "Kunjungan desa",
    "type:majelis": "Masjid dan majelis",
    "type:school": "Sekolah dan kampus",
    "status:scheduled": "Sesuai jadwal",
    "status:postponed": "Ditunda",
    "status:cancelled": "Dibatalkan",
    "status:full": "Kuota penuh",
    "status:past": "Sudah berlangsung",
}

ENGLISH = {
    "type:village": "Village visit",
    "type:majelis": "Mosque and majelis",
    "type:school": "School and campus",
    "status:scheduled": "On schedule",
    "status:postponed": "Postponed",
    "status:cancelled": "Cancelled",
    "status:full": "Fully booked",
    "status:past": "Already held",
}

CATALOGUES = {"id": INDONESIAN, "en": ENGLISH}


class Translations:
    """Interface text in one language, over a plain dictionary."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.catalogue = CATALOGUES.get(lang, {})

    def gettext(self, message: str) -> str:
        return self.catalogue.get(message, message)

    def __call__(self, message: str, **values) -> str:
        """``_("%(count)s visits", count=3)`` in templates; the result is escaped like any text."""
        text = self.catalogue.get(message, message)
        return text % values if values else text

    def label_of(self, value: str, kind: str) -> str:
        """``{{ e.type|label("type") }}`` in templates: ``label`` as a filter."""
        return self.label(kind, value)

    def label(self, kind: str, value: str) -> str:
        """Display name of a code such as ``type:village``; unknown codes show as written."""
        key = f"{kind}:{value}"
        text = self.gettext(key)
        return value if text == key else text

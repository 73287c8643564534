"""Finding a visit near me: two taps from the home page to a regency's upcoming visits, no script."""

from __future__ import annotations


def test_two_taps_from_the_home_page_reach_a_regencys_upcoming_visits_without_javascript(browser, sample_url):
    page = browser.new_page(viewport={"width": 360, "height": 800}, java_script_enabled=False)
    page.goto(sample_url + "/")
    page.get_by_role("region", name="Kegiatan di dekat Anda").get_by_role("link", name="Banten").click()
    page.get_by_role("navigation", name="Kabupaten dan kota").get_by_role(
        "link", name="Kabupaten Serang").click()
    assert page.url == sample_url + "/wilayah/banten/kabupaten-serang/"
    assert page.get_by_role("heading", level=1).inner_text() == "Jadwal di Kabupaten Serang"
    upcoming = page.get_by_role("heading", level=3).all_inner_texts()
    assert "Paspor Masuk Desa di Balai Desa (contoh)" in upcoming
    page.close()

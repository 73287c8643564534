"""The editor's page and the words of Decap's interface, from the text catalogue.

Decap CMS ships no Indonesian; it takes a language's phrases at start and uses its
English ones for any phrase not given, so the phrases staff meet on every visit
(collections, new entry, save, publish, the field checks) are given here.
"""

from __future__ import annotations

import json
from html import escape

from jemput.schedule.problems import WORDING
from jemput.text import N_, Text

DECAP = "decap-cms-3.16.3"
"""The folder of the pinned Decap CMS build, shipped in ``editor/`` and copied beside the page."""

DECAP_PHRASES = {
    "auth.login": N_("Sign in"),
    "auth.loginWithGitHub": N_("Sign in with GitHub"),
    "app.header.content": N_("Contents"),
    "app.header.workflow": N_("Review"),
    "app.header.media": N_("Media"),
    "app.header.quickAdd": N_("Quick add"),
    "app.header.viewSite": N_("View site"),
    "app.header.logOut": N_("Sign out"),
    "collection.sidebar.collections": N_("Collections"),
    "collection.sidebar.searchAll": N_("Search all"),
    "collection.collectionTop.newButton": N_("New %{collectionLabel}"),
    "collection.collectionTop.newButtonAriaLabel": N_("Create entry of type %{collectionLabel}"),
    "editor.editorControl.field.optional": N_("optional"),
    "editor.editorControlPane.widget.required": N_("%{fieldLabel} is required."),
    "editor.editorControlPane.widget.regexPattern": N_("%{fieldLabel} does not match: %{pattern}."),
    "editor.editorControlPane.widget.rangeMin": N_("%{fieldLabel} needs at least %{minCount} item(s)."),
    "editor.editorControlPane.widget.rangeMax": N_("%{fieldLabel} takes at most %{maxCount} item(s)."),
    "editor.editorControlPane.widget.range": N_("%{fieldLabel} must be between %{minValue} and %{maxValue}."),
    "editor.editorControlPane.widget.min": N_("%{fieldLabel} must be at least %{minValue}."),
    "editor.editorControlPane.widget.max": N_("%{fieldLabel} must be %{maxValue} or less."),
    "editor.editor.onLeavePage": N_("Leave this page? What you changed is not saved."),
    "editor.editorToolbar.save": N_("Save"),
    "editor.editorToolbar.saving": N_("Saving..."),
    "editor.editorToolbar.publish": N_("Publish"),
    "editor.editorToolbar.publishing": N_("Publishing..."),
    "editor.editorToolbar.publishNow": N_("Publish now"),
    "editor.editorToolbar.publishAndCreateNew": N_("Publish and create new"),
    "editor.editorToolbar.publishAndDuplicate": N_("Publish and duplicate"),
    "editor.editorToolbar.deleteEntry": N_("Delete entry"),
    "editor.editorToolbar.published": N_("Published"),
    "editor.editorToolbar.changesSaved": N_("Changes saved"),
    "editor.editorToolbar.unsavedChanges": N_("Unsaved changes"),
    "editor.editorToolbar.status": N_("Status: %{status}"),
    "editor.editorToolbar.draft": N_("Draft"),
    "editor.editorToolbar.inReview": N_("In review"),
    "editor.editorToolbar.ready": N_("Ready"),
    "editor.editorToolbar.backCollection": N_(" Writing in %{collectionLabel} collection"),
    "editor.editorToolbar.deployButtonLabel": N_("View live"),
    "editor.editorWidgets.list.add": N_("Add %{item}"),
    "editor.editorWidgets.list.addType": N_("Add %{item}"),
    "editor.editorWidgets.markdown.bold": N_("Bold"),
    "editor.editorWidgets.markdown.italic": N_("Italic"),
    "editor.editorWidgets.markdown.link": N_("Link"),
    "editor.editorWidgets.markdown.linkPrompt": N_("Enter the address of the link"),
    "editor.editorWidgets.markdown.headings": N_("Headings"),
    "editor.editorWidgets.markdown.bulletedList": N_("Bulleted list"),
    "editor.editorWidgets.markdown.numberedList": N_("Numbered list"),
    "editor.editorWidgets.markdown.richText": N_("Formatted"),
    "editor.editorWidgets.markdown.markdown": N_("Markdown"),
    "editor.editorWidgets.datetime.now": N_("Now"),
    "editor.editorWidgets.datetime.clear": N_("Clear"),
    "workflow.workflow.workflowHeading": N_("Editorial review"),
    "workflow.workflowList.draftHeader": N_("Drafts"),
    "workflow.workflowList.inReviewHeader": N_("In review"),
    "workflow.workflowList.readyHeader": N_("Ready"),
    "ui.toast.entrySaved": N_("Saved"),
    "ui.toast.entryPublished": N_("Published"),
    "ui.toast.onFailToPersist": N_("Could not save: %{details}"),
}
"""Decap's phrase keys and the English they say (Decap's own English, or clearer words)."""

OWN_WORDS = {"opens": N_("Opens"), "closes": N_("Closes"), "inside": N_("in"), "visit": N_("Visit %(number)s"),
             "toggle": N_("Open or close"), "remove": N_("Remove"), "move": N_("Drag to move")}
"""Words of Jemput's own fields in the editor (opening hours, region codes, the checks before saving)."""

CHECKED_BEFORE_SAVING = ("date.end_before_start", "date.closed_outside", "registration.dates")
"""Rules of the strict loader that span fields, which the form checks before it saves (the loader
checks them again, with every other rule, in ``invoke check`` and in the pull request)."""


def phrases_json(text: Text) -> str:
    """``bahasa.json``: Decap's phrases (nested as Decap reads them) and the own fields' words."""
    nested: dict = {}
    for key, english in DECAP_PHRASES.items():
        *path, last = key.split(".")
        level = nested
        for part in path:
            level = level.setdefault(part, {})
        level[last] = text(english)
    own = {name: text(english) for name, english in OWN_WORDS.items()}
    own["visit"] = text(OWN_WORDS["visit"], number="{number}")
    own["problems"] = {code: f"{text(WORDING[code][0])} ({text(WORDING[code][1])})" for code in CHECKED_BEFORE_SAVING}
    return json.dumps({"decap": nested, "jemput": own}, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def page(text: Text, site_name: str) -> str:
    """``admin/index.html``: loads the pinned Decap CMS, then Jemput's additions, then starts it.

    Kept from search engines (``noindex``); its scripts come from this site alone."""
    editor = text("Schedule editor")
    title = escape(f"{editor} · {site_name}")
    needs_script = escape(text("The schedule editor needs JavaScript."))
    return f"""<!doctype html>
<html lang="{text.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>{title}</title>
<style>
/* Decap's grey and teal on white fall short of WCAG AA contrast (4.5:1): darker shades. */
[class*="AppHeaderButton"], [class*="AppHeaderSiteLink"], [class*="SidebarNavLink"], nav a[data-testid] {{
  color: #1d2733 !important;
}}
[class*="AppHeaderButton"][class*="buttonActive"], [class*="SidebarNavLink"][class*="active"] {{
  color: #0b5566 !important;
}}
[class*="grayText"], [class*="NoEntriesMessage"] {{ color: #3a4550 !important; }}
[class*="PublishButton"] {{ background-color: #0b5566 !important; color: #fff !important; }}
</style>
<script>window.CMS_MANUAL_INIT = true;</script>
<script src="{DECAP}/decap-cms.js"></script>
<script src="jemput-editor.js"></script>
</head>
<body>
<noscript>{needs_script}</noscript>
</body>
</html>
"""

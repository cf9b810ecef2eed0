<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>Attention</name>
    <message numerus="yes">
        <source>Paid more than %n minute(s) ago and not delivered yet.</source>
        <translation>
            <numerusform>Paid more than %n minute ago and not delivered yet.</numerusform>
            <numerusform>Paid more than %n minutes ago and not delivered yet.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Generating variations for more than %n minute(s).</source>
        <translation>
            <numerusform>Generating variations for more than %n minute.</numerusform>
            <numerusform>Generating variations for more than %n minutes.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Not delivered yet, and a preview the customer needs is gone or goes within %n hour(s) (MusicGPT keeps MP3 for %1 days and WAV for %2 days).</source>
        <translation>
            <numerusform>Not delivered yet, and a preview the customer needs is gone or goes within %n hour (MusicGPT keeps MP3 for %1 days and WAV for %2 days).</numerusform>
            <numerusform>Not delivered yet, and a preview the customer needs is gone or goes within %n hours (MusicGPT keeps MP3 for %1 days and WAV for %2 days).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FormJson</name>
    <message numerus="yes">
        <source>%n earlier attempt(s) for this variation</source>
        <translation>
            <numerusform>%n earlier attempt for this variation</numerusform>
            <numerusform>%n earlier attempts for this variation</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>WaveformData</name>
    <message numerus="yes">
        <source>%n more silence(s)</source>
        <translation>
            <numerusform>%n more silence</numerusform>
            <numerusform>%n more silences</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Clipped in %n places (first at %1 s)</source>
        <translation>
            <numerusform>Clipped in %n place (first at %1 s)</numerusform>
            <numerusform>Clipped in %n places (first at %1 s)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>compose::Accessibility</name>
    <message numerus="yes">
        <source>%Ln form(s)</source>
        <translation>
            <numerusform>%Ln form</numerusform>
            <numerusform>%Ln forms</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>compose::ActionDialog</name>
    <message numerus="yes">
        <source>Generation restarted for %n variation(s); the table shows &quot;generating…&quot; until MusicGPT is done.</source>
        <translation>
            <numerusform>Generation restarted for %n variation; the table shows &quot;generating…&quot; until MusicGPT is done.</numerusform>
            <numerusform>Generation restarted for %n variations; the table shows &quot;generating…&quot; until MusicGPT is done.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The customer receives an e-mail at %1 with the share links to the %n song(s) of form %2 (for %3).</source>
        <translation>
            <numerusform>The customer receives an e-mail at %1 with the share link to the %n song of form %2 (for %3).</numerusform>
            <numerusform>The customer receives an e-mail at %1 with the share links to the %n songs of form %2 (for %3).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Why, in the customer&apos;s words (at least %n characters)</source>
        <translation>
            <numerusform>Why, in the customer&apos;s words (at least %n character)</numerusform>
            <numerusform>Why, in the customer&apos;s words (at least %n characters)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The reason is too short: at least %n characters.</source>
        <translation>
            <numerusform>The reason is too short: at least %n character.</numerusform>
            <numerusform>The reason is too short: at least %n characters.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>compose::AttentionModel</name>
    <message numerus="yes">
        <source>%n order(s) name no form; they are not in the form list.</source>
        <translation>
            <numerusform>%n order names no form; it is not in the form list.</numerusform>
            <numerusform>%n orders name no form; they are not in the form list.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: %2 (+%n order(s))</source>
        <translation>
            <numerusform>%1: %2 (+%n order)</numerusform>
            <numerusform>%1: %2 (+%n orders)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>compose::AuditTrailView</name>
    <message numerus="yes">
        <source>%n entry(s), newest first.</source>
        <translation>
            <numerusform>%n entry, newest first.</numerusform>
            <numerusform>%n entries, newest first.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>compose::BulkRetry</name>
    <message numerus="yes">
        <source>%n forms are selected: retry at most %1 at once.</source>
        <translation>
            <numerusform>%n form is selected: retry at most %1 at once.</numerusform>
            <numerusform>%n forms are selected: retry at most %1 at once.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>compose::CustomerView</name>
    <message numerus="yes">
        <source>sent %n time(s)</source>
        <translation>
            <numerusform>sent %n time</numerusform>
            <numerusform>sent %n times</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n form(s) · paid %1 · refunded %2 · %3</source>
        <translation>
            <numerusform>%n form · paid %1 · refunded %2 · %3</numerusform>
            <numerusform>%n forms · paid %1 · refunded %2 · %3</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n form(s) · paid %1 · refunds and deliveries are not known on this database (no compose tables)</source>
        <translation>
            <numerusform>%n form · paid %1 · refunds and deliveries are not known on this database (no compose tables)</numerusform>
            <numerusform>%n forms · paid %1 · refunds and deliveries are not known on this database (no compose tables)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>compose::DatabaseStatus</name>
    <message numerus="yes">
        <source>%Ln form(s)</source>
        <translation>
            <numerusform>%Ln form</numerusform>
            <numerusform>%Ln forms</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln form(s) · loading…</source>
        <translation>
            <numerusform>%Ln form · loading…</numerusform>
            <numerusform>%Ln forms · loading…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>compose::DeliveriesView</name>
    <message numerus="yes">
        <source>failed after %n attempt(s): %1</source>
        <translation>
            <numerusform>failed after %n attempt: %1</numerusform>
            <numerusform>failed after %n attempts: %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>compose::FindingsPanel</name>
    <message numerus="yes">
        <source>Needs attention: %n finding(s) from reconciliation with Stripe.</source>
        <translation>
            <numerusform>Needs attention: %n finding from reconciliation with Stripe.</numerusform>
            <numerusform>Needs attention: %n findings from reconciliation with Stripe.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>compose::FormDetailView</name>
    <message numerus="yes">
        <source>%n variation(s)</source>
        <translation>
            <numerusform>%n variation</numerusform>
            <numerusform>%n variations</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n disagree(s) with music_generations (highlighted)</source>
        <translation>
            <numerusform>%n disagrees with music_generations (highlighted)</numerusform>
            <numerusform>%n disagree with music_generations (highlighted)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failed</source>
        <translation>
            <numerusform>%n failed</numerusform>
            <numerusform>%n failed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>expires in %n minute(s)</source>
        <translation>
            <numerusform>expires in %n minute</numerusform>
            <numerusform>expires in %n minutes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>expired %n minute(s) ago</source>
        <translation>
            <numerusform>expired %n minute ago</numerusform>
            <numerusform>expired %n minutes ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>expires in %n hour(s)</source>
        <translation>
            <numerusform>expires in %n hour</numerusform>
            <numerusform>expires in %n hours</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>expired %n hour(s) ago</source>
        <translation>
            <numerusform>expired %n hour ago</numerusform>
            <numerusform>expired %n hours ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>expires in %n day(s)</source>
        <translation>
            <numerusform>expires in %n day</numerusform>
            <numerusform>expires in %n days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>expired %n day(s) ago</source>
        <translation>
            <numerusform>expired %n day ago</numerusform>
            <numerusform>expired %n days ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 · %n song(s)</source>
        <comment>package · song count</comment>
        <translation>
            <numerusform>%1 · %n song</numerusform>
            <numerusform>%1 · %n songs</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>refunded (%1 of %2; %n refund(s) not settled yet)</source>
        <translation>
            <numerusform>refunded (%1 of %2; %n refund not settled yet)</numerusform>
            <numerusform>refunded (%1 of %2; %n refunds not settled yet)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>partly refunded (%1 of %2; %n refund(s) not settled yet)</source>
        <translation>
            <numerusform>partly refunded (%1 of %2; %n refund not settled yet)</numerusform>
            <numerusform>partly refunded (%1 of %2; %n refunds not settled yet)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>compose::FunnelWidget</name>
    <message numerus="yes">
        <source>%Ln form(s)</source>
        <translation>
            <numerusform>%Ln form</numerusform>
            <numerusform>%Ln forms</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>compose::ListHint</name>
    <message numerus="yes">
        <source>%n form(s) matching the search are hidden by the status, package or date filter.</source>
        <translation>
            <numerusform>%n form matching the search is hidden by the status, package or date filter.</numerusform>
            <numerusform>%n forms matching the search are hidden by the status, package or date filter.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>compose::ListTools</name>
    <message numerus="yes">
        <source>Exported %n form(s) to %1.</source>
        <translation>
            <numerusform>Exported %n form to %1.</numerusform>
            <numerusform>Exported %n forms to %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Export %n selected form(s)</source>
        <translation>
            <numerusform>Export %n selected form</numerusform>
            <numerusform>Export %n selected forms</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n forms are selected: export at most %1 selected forms, or select one to export the whole list.</source>
        <translation>
            <numerusform>%n form is selected: export at most %1 selected forms, or select one to export the whole list.</numerusform>
            <numerusform>%n forms are selected: export at most %1 selected forms, or select one to export the whole list.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>compose::LyricsPanel</name>
    <message numerus="yes">
        <source>⚠ “%1” is missing from %2 of %n version(s).</source>
        <translation>
            <numerusform>⚠ “%1” is missing from %2 of %n version.</numerusform>
            <numerusform>⚠ “%1” is missing from %2 of %n versions.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>compose::NotesPanel</name>
    <message numerus="yes">
        <source>%n note(s), newest first.</source>
        <translation>
            <numerusform>%n note, newest first.</numerusform>
            <numerusform>%n notes, newest first.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>compose::OutboxIndicator</name>
    <message numerus="yes">
        <source>%n delivery e-mail(s) waiting: nothing is being sent.</source>
        <translation>
            <numerusform>%n delivery e-mail waiting: nothing is being sent.</numerusform>
            <numerusform>%n delivery e-mails waiting: nothing is being sent.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n delivery e-mail(s) failed; resend them from the form&apos;s Deliveries tab.</source>
        <translation>
            <numerusform>%n delivery e-mail failed; resend them from the form&apos;s Deliveries tab.</numerusform>
            <numerusform>%n delivery e-mails failed; resend them from the form&apos;s Deliveries tab.</numerusform>
        </translation>
    </message>
</context>
</TS>

<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>Attention</name>
    <message>
        <source>Paid, not delivered</source>
        <translation>Bezahlt, nicht zugestellt</translation>
    </message>
    <message>
        <source>Failed generation</source>
        <translation>Fehlgeschlagene Generierung</translation>
    </message>
    <message>
        <source>Generating too long</source>
        <translation>Generierung dauert zu lange</translation>
    </message>
    <message>
        <source>Paid, no webhook</source>
        <translation>Bezahlt, kein Webhook</translation>
    </message>
    <message>
        <source>Duplicate payment</source>
        <translation>Doppelte Zahlung</translation>
    </message>
    <message>
        <source>Refund pending or failed</source>
        <translation>Erstattung ausstehend oder fehlgeschlagen</translation>
    </message>
    <message>
        <source>Preview expiring</source>
        <translation>Vorschau läuft ab</translation>
    </message>
    <message>
        <source>Form and generations disagree</source>
        <translation>Formular und Generierungen weichen ab</translation>
    </message>
    <message>
        <source>Paid without an order</source>
        <translation>Bezahlt ohne Bestellung</translation>
    </message>
    <message>
        <source>Unknown status</source>
        <translation>Unbekannter Status</translation>
    </message>
    <message numerus="yes">
        <source>Paid more than %n minute(s) ago and not delivered yet.</source>
        <translation>
            <numerusform>Seit mehr als %n Minute bezahlt und noch nicht zugestellt.</numerusform>
            <numerusform>Seit mehr als %n Minuten bezahlt und noch nicht zugestellt.</numerusform>
        </translation>
    </message>
    <message>
        <source>A variation failed and no retry of it has started or completed.</source>
        <translation>Eine Variante ist fehlgeschlagen, und keine Wiederholung wurde gestartet oder abgeschlossen.</translation>
    </message>
    <message numerus="yes">
        <source>Generating variations for more than %n minute(s).</source>
        <translation>
            <numerusform>Generiert seit mehr als %n Minute Varianten.</numerusform>
            <numerusform>Generiert seit mehr als %n Minuten Varianten.</numerusform>
        </translation>
    </message>
    <message>
        <source>Stripe says the checkout was paid, but no webhook arrived (found by reconciliation).</source>
        <translation>Laut Stripe wurde der Checkout bezahlt, aber es ist kein Webhook angekommen (vom Abgleich gefunden).</translation>
    </message>
    <message>
        <source>The form was paid twice; the second payment is still not refunded.</source>
        <translation>Das Formular wurde zweimal bezahlt; die zweite Zahlung ist noch nicht erstattet.</translation>
    </message>
    <message>
        <source>A refund is pending at Stripe, or failed and nothing was refunded after it.</source>
        <translation>Eine Erstattung ist bei Stripe ausstehend oder fehlgeschlagen, und danach wurde nichts erstattet.</translation>
    </message>
    <message numerus="yes">
        <source>Not delivered yet, and a preview the customer needs is gone or goes within %n hour(s) (MusicGPT keeps MP3 for %1 days and WAV for %2 days).</source>
        <translation>
            <numerusform>Noch nicht zugestellt, und eine Vorschau, die der Kunde braucht, ist weg oder verschwindet innerhalb von %n Stunde (MusicGPT hält MP3 %1 Tage und WAV %2 Tage lang vor).</numerusform>
            <numerusform>Noch nicht zugestellt, und eine Vorschau, die der Kunde braucht, ist weg oder verschwindet innerhalb von %n Stunden (MusicGPT hält MP3 %1 Tage und WAV %2 Tage lang vor).</numerusform>
        </translation>
    </message>
    <message>
        <source>The form&apos;s variation_task_ids and its music_generations rows disagree.</source>
        <translation>Die variation_task_ids des Formulars und seine music_generations-Zeilen weichen voneinander ab.</translation>
    </message>
    <message>
        <source>Paid or delivered, but no order names the form.</source>
        <translation>Bezahlt oder zugestellt, aber keine Bestellung nennt das Formular.</translation>
    </message>
    <message>
        <source>The form&apos;s status is not one the workflow knows.</source>
        <translation>Der Status des Formulars ist dem Workflow nicht bekannt.</translation>
    </message>
    <message>
        <source>Not available: this database has no reconciliation findings (run compose-api --migrate).</source>
        <translation>Nicht verfügbar: Diese Datenbank hat keine Abgleichsbefunde (compose-api --migrate ausführen).</translation>
    </message>
    <message>
        <source>Not available: this database lacks compose-api&apos;s tables (run compose-api --migrate).</source>
        <translation>Nicht verfügbar: Dieser Datenbank fehlen die Tabellen von compose-api (compose-api --migrate ausführen).</translation>
    </message>
    <message>
        <source>✖ failed</source>
        <translation>✖ fehlgeschlagen</translation>
    </message>
    <message>
        <source>↩ refunded</source>
        <translation>↩ erstattet</translation>
    </message>
    <message>
        <source>Refunded, in full or in part.</source>
        <translation>Ganz oder teilweise erstattet.</translation>
    </message>
    <message>
        <source>Or: %1</source>
        <translation>Oder: %1</translation>
    </message>
    <message>
        <source>◷ stuck</source>
        <translation>◷ hängt</translation>
    </message>
    <message>
        <source>⇉ paid twice</source>
        <translation>⇉ doppelt bezahlt</translation>
    </message>
    <message>
        <source>◔ preview expiring</source>
        <translation>◔ Vorschau läuft ab</translation>
    </message>
</context>
<context>
    <name>AudioUrl</name>
    <message>
        <source>There is no audio link for this variation.</source>
        <translation>Für diese Variante gibt es keinen Audio-Link.</translation>
    </message>
    <message>
        <source>The audio link contains spaces or control characters.</source>
        <translation>Der Audio-Link enthält Leer- oder Steuerzeichen.</translation>
    </message>
    <message>
        <source>The audio link is not a valid web address.</source>
        <translation>Der Audio-Link ist keine gültige Webadresse.</translation>
    </message>
    <message>
        <source>Only http and https audio links are played; this link uses &quot;%1:&quot;.</source>
        <translation>Nur http- und https-Audio-Links werden abgespielt; dieser Link verwendet „%1:“.</translation>
    </message>
    <message>
        <source>The audio link has no server name.</source>
        <translation>Der Audio-Link enthält keinen Servernamen.</translation>
    </message>
    <message>
        <source>The audio link is longer than %1 characters.</source>
        <translation>Der Audio-Link ist länger als %1 Zeichen.</translation>
    </message>
    <message>
        <source>The audio link points at this computer (%1); it is not played.</source>
        <translation>Der Audio-Link zeigt auf diesen Computer (%1); er wird nicht abgespielt.</translation>
    </message>
    <message>
        <source>The audio link points into a private or link-local network (%1); it is not played unless the setting audio/allowPrivateHosts allows it.</source>
        <translation>Der Audio-Link zeigt in ein privates oder link-lokales Netzwerk (%1); er wird nur abgespielt, wenn die Einstellung audio/allowPrivateHosts es erlaubt.</translation>
    </message>
    <message>
        <source>The audio link points at a reserved address (%1); it is not played.</source>
        <translation>Der Audio-Link zeigt auf eine reservierte Adresse (%1); er wird nicht abgespielt.</translation>
    </message>
</context>
<context>
    <name>CommandLine</name>
    <message>
        <source>Compose Desk: the support dashboard of the personalised-song shop.
Without --database-url it uses libpq&apos;s PG* variables when PGHOST or PGDATABASE is set, else the last connection, else asks.</source>
        <translation>Compose Desk: das Support-Dashboard des Shops für personalisierte Songs.
Ohne --database-url werden die PG*-Variablen von libpq verwendet, wenn PGHOST oder PGDATABASE gesetzt ist, sonst die letzte Verbindung, sonst wird nachgefragt.</translation>
    </message>
    <message>
        <source>postgresql://user@host:port/db?sslmode=require or sqlite:///path/file.db</source>
        <translation>postgresql://benutzer@host:port/db?sslmode=require oder sqlite:///pfad/datei.db</translation>
    </message>
    <message>
        <source>url</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>Open the embedded demo database (created with generated data on first use).</source>
        <translation>Die eingebaute Demo-Datenbank öffnen (wird beim ersten Start mit erzeugten Daten angelegt).</translation>
    </message>
    <message>
        <source>Apply pending schema migrations to the database, print them and exit.</source>
        <translation>Ausstehende Schema-Migrationen auf die Datenbank anwenden, auflisten und beenden.</translation>
    </message>
    <message>
        <source>Print the status funnel or a list of forms and exit.</source>
        <translation>Den Status-Trichter oder eine Liste der Formulare ausgeben und beenden.</translation>
    </message>
    <message>
        <source>Export only forms in this status.</source>
        <translation>Nur Formulare in diesem Status exportieren.</translation>
    </message>
    <message>
        <source>status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Export format (default csv).</source>
        <translation>Exportformat (Standard: csv).</translation>
    </message>
    <message>
        <source>Export forms created on or after this UTC day.</source>
        <translation>Formulare exportieren, die an oder nach diesem Tag (UTC) erstellt wurden.</translation>
    </message>
    <message>
        <source>Export forms created on or before this UTC day.</source>
        <translation>Formulare exportieren, die an oder vor diesem Tag (UTC) erstellt wurden.</translation>
    </message>
    <message>
        <source>Export only this package (solo-serenade, holiday-hamper).</source>
        <translation>Nur dieses Paket exportieren (solo-serenade, holiday-hamper).</translation>
    </message>
    <message>
        <source>package</source>
        <translation>Paket</translation>
    </message>
    <message>
        <source>Write the export to this file (replaced only when complete).</source>
        <translation>Den Export in diese Datei schreiben (wird erst ersetzt, wenn er vollständig ist).</translation>
    </message>
    <message>
        <source>file</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>Base URL of compose-api.</source>
        <translation>Basis-URL von compose-api.</translation>
    </message>
    <message>
        <source>Print diagnostic messages to stderr.</source>
        <translation>Diagnosemeldungen auf stderr ausgeben.</translation>
    </message>
    <message>
        <source>Open the dashboard on this form (id, e-mail, cs_… or pi_…).</source>
        <translation>Das Dashboard mit diesem Formular öffnen (ID, E-Mail, cs_… oder pi_…).</translation>
    </message>
    <message>
        <source>id</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Use this language (%1) instead of the system&apos;s.</source>
        <translation>Diese Sprache (%1) statt der Systemsprache verwenden.</translation>
    </message>
    <message>
        <source>Use a light or dark palette instead of the system&apos;s.</source>
        <translation>Eine helle oder dunkle Farbpalette statt der des Systems verwenden.</translation>
    </message>
    <message>
        <source>Unexpected argument &quot;%1&quot;; see --help.</source>
        <translation>Unerwartetes Argument „%1“; siehe --help.</translation>
    </message>
    <message>
        <source>--lang takes one of %1, not &quot;%2&quot;.</source>
        <translation>--lang erwartet eines von %1, nicht „%2“.</translation>
    </message>
    <message>
        <source>--palette takes &quot;light&quot; or &quot;dark&quot;, not &quot;%1&quot;.</source>
        <translation>--palette erwartet „light“ oder „dark“, nicht „%1“.</translation>
    </message>
    <message>
        <source>Use either --demo or --database-url, not both.</source>
        <translation>Entweder --demo oder --database-url verwenden, nicht beides.</translation>
    </message>
    <message>
        <source>Use either --migrate or --export, not both.</source>
        <translation>Entweder --migrate oder --export verwenden, nicht beides.</translation>
    </message>
    <message>
        <source>--export takes &quot;funnel&quot; or &quot;forms&quot;, not &quot;%1&quot;.</source>
        <translation>--export erwartet „funnel“ oder „forms“, nicht „%1“.</translation>
    </message>
    <message>
        <source>--format takes &quot;csv&quot; or &quot;json&quot;, not &quot;%1&quot;.</source>
        <translation>--format erwartet „csv“ oder „json“, nicht „%1“.</translation>
    </message>
    <message>
        <source>--status applies to --export forms only.</source>
        <translation>--status gilt nur für --export forms.</translation>
    </message>
    <message>
        <source>--%1 takes a date as YYYY-MM-DD, not &quot;%2&quot;.</source>
        <translation>--%1 erwartet ein Datum im Format JJJJ-MM-TT, nicht „%2“.</translation>
    </message>
    <message>
        <source>--from is after --to.</source>
        <translation>--from liegt nach --to.</translation>
    </message>
    <message>
        <source>--%1 is an option of --export.</source>
        <translation>--%1 ist eine Option von --export.</translation>
    </message>
    <message>
        <source>--api-url takes an http:// or https:// URL, not &quot;%1&quot;.</source>
        <translation>--api-url erwartet eine http://- oder https://-URL, nicht „%1“.</translation>
    </message>
    <message>
        <source>Trust only the certificate authority in this PEM file for an https:// --api-url (default: $COMPOSE_API_CA, else the system&apos;s authorities).</source>
        <translation>Bei einer https://-URL in --api-url nur der Zertifizierungsstelle in dieser PEM-Datei vertrauen (Standard: $COMPOSE_API_CA, sonst den Zertifizierungsstellen des Systems).</translation>
    </message>
    <message>
        <source>--api-ca: cannot read %1 (%2).</source>
        <translation>--api-ca: %1 kann nicht gelesen werden (%2).</translation>
    </message>
    <message>
        <source>--api-ca: %1 holds no PEM certificate.</source>
        <translation>--api-ca: %1 enthält kein PEM-Zertifikat.</translation>
    </message>
</context>
<context>
    <name>ConnectionSettings</name>
    <message>
        <source>Not a valid database URL: %1</source>
        <translation>Keine gültige Datenbank-URL: %1</translation>
    </message>
    <message>
        <source>An sqlite:// URL needs a file path, e.g. sqlite:///home/me/compose.db</source>
        <translation>Eine sqlite://-URL braucht einen Dateipfad, z. B. sqlite:///home/ich/compose.db</translation>
    </message>
    <message>
        <source>Unsupported database URL scheme &quot;%1&quot;: use postgresql:// or sqlite://</source>
        <translation>Nicht unterstütztes Schema „%1“ in der Datenbank-URL: postgresql:// oder sqlite:// verwenden</translation>
    </message>
    <message>
        <source>Unknown connection option &quot;%1&quot; in the database URL</source>
        <translation>Unbekannte Verbindungsoption „%1“ in der Datenbank-URL</translation>
    </message>
    <message>
        <source>local socket</source>
        <translation>lokaler Socket</translation>
    </message>
    <message>
        <source>(default)</source>
        <translation>(Standard)</translation>
    </message>
</context>
<context>
    <name>Database</name>
    <message>
        <source>The Qt SQL driver %1 is not installed (Debian package %2).</source>
        <translation>Der Qt-SQL-Treiber %1 ist nicht installiert (Debian-Paket %2).</translation>
    </message>
    <message>
        <source>The database refused the user name or password. (%1)</source>
        <translation>Die Datenbank hat Benutzername oder Passwort abgelehnt. (%1)</translation>
    </message>
    <message>
        <source>The database server cannot be reached. (%1)</source>
        <translation>Der Datenbankserver ist nicht erreichbar. (%1)</translation>
    </message>
    <message>
        <source>That database does not exist on the server. (%1)</source>
        <translation>Diese Datenbank gibt es auf dem Server nicht. (%1)</translation>
    </message>
    <message>
        <source>The database reported an error without a message.</source>
        <translation>Die Datenbank hat einen Fehler ohne Meldung gemeldet.</translation>
    </message>
</context>
<context>
    <name>DemoDatabase</name>
    <message>
        <source>Cannot create the folder %1 for the demo database.</source>
        <translation>Der Ordner %1 für die Demo-Datenbank kann nicht angelegt werden.</translation>
    </message>
</context>
<context>
    <name>FormExporter</name>
    <message>
        <source>Cannot write the export: %1</source>
        <translation>Der Export kann nicht geschrieben werden: %1</translation>
    </message>
</context>
<context>
    <name>FormJson</name>
    <message>
        <source> (%1 characters in all)</source>
        <translation> (insgesamt %1 Zeichen)</translation>
    </message>
    <message>
        <source>number %1</source>
        <translation>Zahl %1</translation>
    </message>
    <message>
        <source>text</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>a list</source>
        <translation>eine Liste</translation>
    </message>
    <message>
        <source>an object</source>
        <translation>ein Objekt</translation>
    </message>
    <message>
        <source>nothing</source>
        <translation>nichts</translation>
    </message>
    <message>
        <source>Recipient</source>
        <translation>Empfänger</translation>
    </message>
    <message>
        <source>Relationship</source>
        <translation>Beziehung</translation>
    </message>
    <message>
        <source>Sender</source>
        <translation>Absender</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>Thema</translation>
    </message>
    <message>
        <source>Vibe</source>
        <translation>Stimmung</translation>
    </message>
    <message>
        <source>Voice</source>
        <translation>Stimme</translation>
    </message>
    <message>
        <source>Special moment</source>
        <translation>Besonderer Moment</translation>
    </message>
    <message>
        <source>%1 is not valid JSON</source>
        <translation>%1 ist kein gültiges JSON</translation>
    </message>
    <message>
        <source>— missing —</source>
        <translation>— fehlt —</translation>
    </message>
    <message>
        <source>⚠ invalid (%1)</source>
        <translation>⚠ ungültig (%1)</translation>
    </message>
    <message>
        <source>not JSON</source>
        <translation>kein JSON</translation>
    </message>
    <message>
        <source>The form data</source>
        <translation>Die Formulardaten</translation>
    </message>
    <message>
        <source>The form data is missing</source>
        <translation>Die Formulardaten fehlen</translation>
    </message>
    <message>
        <source>The form data is %1, not an object</source>
        <translation>Die Formulardaten sind %1, kein Objekt</translation>
    </message>
    <message>
        <source>The prompts</source>
        <translation>Die Prompts</translation>
    </message>
    <message>
        <source>The prompts are a single text, not a list</source>
        <translation>Die Prompts sind ein einzelner Text, keine Liste</translation>
    </message>
    <message>
        <source>No prompts stored</source>
        <translation>Keine Prompts gespeichert</translation>
    </message>
    <message>
        <source>The prompts are %1, not a list</source>
        <translation>Die Prompts sind %1, keine Liste</translation>
    </message>
    <message>
        <source>variation_task_ids</source>
        <translation>variation_task_ids</translation>
    </message>
    <message>
        <source>variation_task_ids has an unexpected shape</source>
        <translation>variation_task_ids hat eine unerwartete Form</translation>
    </message>
    <message>
        <source>variation_audio_urls</source>
        <translation>variation_audio_urls</translation>
    </message>
    <message>
        <source>variation_audio_urls has an unexpected shape</source>
        <translation>variation_audio_urls hat eine unerwartete Form</translation>
    </message>
    <message>
        <source>selected_variations</source>
        <translation>selected_variations</translation>
    </message>
    <message>
        <source>selected_variations has an unexpected shape</source>
        <translation>selected_variations hat eine unerwartete Form</translation>
    </message>
    <message>
        <source>Task ids of song %1 are not a list</source>
        <translation>Die Task-IDs von Song %1 sind keine Liste</translation>
    </message>
    <message>
        <source>Audio URLs of song %1 are not an object</source>
        <translation>Die Audio-URLs von Song %1 sind kein Objekt</translation>
    </message>
    <message>
        <source>Selection of song %1 is %2, not a number</source>
        <translation>Die Auswahl von Song %1 ist %2, keine Zahl</translation>
    </message>
    <message>
        <source>Task id in the form JSON is %1</source>
        <translation>Die Task-ID im Formular-JSON ist %1</translation>
    </message>
    <message>
        <source>Audio URL in the form JSON is %1</source>
        <translation>Die Audio-URL im Formular-JSON ist %1</translation>
    </message>
    <message>
        <source>This generation belongs to the form but fits no song/variation slot</source>
        <translation>Diese Generierung gehört zum Formular, passt aber zu keinem Song-/Variantenplatz</translation>
    </message>
    <message numerus="yes">
        <source>%n earlier attempt(s) for this variation</source>
        <translation>
            <numerusform>%n früherer Versuch für diese Variante</numerusform>
            <numerusform>%n frühere Versuche für diese Variante</numerusform>
        </translation>
    </message>
    <message>
        <source>Task id differs: form JSON has %1, generation has %2</source>
        <translation>Task-ID weicht ab: Formular-JSON hat %1, Generierung hat %2</translation>
    </message>
    <message>
        <source>The form lists task %1 but no music_generations row exists</source>
        <translation>Das Formular nennt Task %1, aber es gibt keine Zeile in music_generations</translation>
    </message>
    <message>
        <source>Generation exists but the form JSON has no task id for it</source>
        <translation>Die Generierung existiert, aber das Formular-JSON hat keine Task-ID dafür</translation>
    </message>
    <message>
        <source>Audio URL differs between the form JSON and the generation</source>
        <translation>Die Audio-URL im Formular-JSON weicht von der Generierung ab</translation>
    </message>
    <message>
        <source>Selected in the form, not marked selected in the generation</source>
        <translation>Im Formular ausgewählt, in der Generierung nicht als ausgewählt markiert</translation>
    </message>
    <message>
        <source>Marked selected in the generation, not in the form</source>
        <translation>In der Generierung als ausgewählt markiert, nicht im Formular</translation>
    </message>
</context>
<context>
    <name>FormRepository</name>
    <message>
        <source>This database has no compose_forms table. Is it the shop&apos;s database? An empty database can be prepared with: compose-dashboard --database-url URL --migrate</source>
        <translation>Diese Datenbank hat keine Tabelle compose_forms. Ist es die Datenbank des Shops? Eine leere Datenbank lässt sich so vorbereiten: compose-dashboard --database-url URL --migrate</translation>
    </message>
    <message>
        <source>form data is not JSON</source>
        <translation>Formulardaten sind kein JSON</translation>
    </message>
    <message>
        <source>form data is %1</source>
        <translation>Formulardaten sind %1</translation>
    </message>
</context>
<context>
    <name>HeadlessRunner</name>
    <message>
        <source>No database given: use --database-url URL, set PGHOST/PGDATABASE, or --demo.</source>
        <translation>Keine Datenbank angegeben: --database-url URL verwenden, PGHOST/PGDATABASE setzen oder --demo.</translation>
    </message>
    <message>
        <source>%1 is up to date at schema version %2.
</source>
        <translation>%1 ist aktuell (Schemaversion %2).
</translation>
    </message>
    <message>
        <source>applied %1
</source>
        <translation>%1 angewendet
</translation>
    </message>
    <message>
        <source>%1 is now at schema version %2 (was %3).
</source>
        <translation>%1 hat jetzt Schemaversion %2 (vorher %3).
</translation>
    </message>
    <message>
        <source>Cannot write to standard output.</source>
        <translation>In die Standardausgabe kann nicht geschrieben werden.</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
</context>
<context>
    <name>Migrator</name>
    <message>
        <source>Migration %1 is missing from the build.</source>
        <translation>Migration %1 fehlt im Build.</translation>
    </message>
    <message>
        <source>Migration %1 (%2) failed: %3</source>
        <translation>Migration %1 (%2) ist fehlgeschlagen: %3</translation>
    </message>
</context>
<context>
    <name>Package</name>
    <message>
        <source>Solo serenade</source>
        <translation>Solo-Serenade</translation>
    </message>
    <message>
        <source>Holiday hamper</source>
        <translation>Feiertagskorb</translation>
    </message>
    <message>
        <source>— missing —</source>
        <translation>— fehlt —</translation>
    </message>
</context>
<context>
    <name>Status</name>
    <message>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <source>Prompts generated</source>
        <translation>Prompts erzeugt</translation>
    </message>
    <message>
        <source>Generating</source>
        <translation>Wird generiert</translation>
    </message>
    <message>
        <source>Variations ready</source>
        <translation>Varianten fertig</translation>
    </message>
    <message>
        <source>Checkout started</source>
        <translation>Checkout begonnen</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>Bezahlt</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Zugestellt</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>Abgelaufen</translation>
    </message>
    <message>
        <source>Refunded</source>
        <translation>Erstattet</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Sonstige</translation>
    </message>
    <message>
        <source>The form has a status this system does not know; it cannot change to &quot;%1&quot;.</source>
        <translation>Das Formular hat einen Status, den dieses System nicht kennt; es kann nicht zu „%1“ wechseln.</translation>
    </message>
    <message>
        <source>The form is not paid (status &quot;%1&quot;): it cannot be delivered.</source>
        <translation>Das Formular ist nicht bezahlt (Status „%1“): Es kann nicht zugestellt werden.</translation>
    </message>
    <message>
        <source>The form was refunded; its status can no longer change.</source>
        <translation>Das Formular wurde erstattet; sein Status kann sich nicht mehr ändern.</translation>
    </message>
    <message>
        <source>A form in status &quot;%1&quot; cannot move to &quot;%2&quot;.</source>
        <translation>Ein Formular im Status „%1“ kann nicht zu „%2“ wechseln.</translation>
    </message>
    <message>
        <source>Retry generation</source>
        <translation>Generierung wiederholen</translation>
    </message>
    <message>
        <source>Mark delivered</source>
        <translation>Als zugestellt markieren</translation>
    </message>
    <message>
        <source>Redeliver link</source>
        <translation>Link erneut senden</translation>
    </message>
    <message>
        <source>Refund</source>
        <translation>Erstatten</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>Generations can only be retried before checkout (status is &quot;%1&quot;).</source>
        <translation>Generierungen lassen sich nur vor dem Checkout wiederholen (Status ist „%1“).</translation>
    </message>
    <message>
        <source>The form is already delivered; use Redeliver to send the link again.</source>
        <translation>Das Formular ist bereits zugestellt; mit „Link erneut senden“ wird der Link noch einmal verschickt.</translation>
    </message>
    <message>
        <source>Only paid forms can be marked delivered (status is &quot;%1&quot;).</source>
        <translation>Nur bezahlte Formulare können als zugestellt markiert werden (Status ist „%1“).</translation>
    </message>
    <message>
        <source>The share link was never delivered: use Mark delivered to send it the first time.</source>
        <translation>Der Freigabelink wurde nie zugestellt: Mit „Als zugestellt markieren“ wird er zum ersten Mal verschickt.</translation>
    </message>
    <message>
        <source>Only delivered forms have a share link to send again (status is &quot;%1&quot;).</source>
        <translation>Nur zugestellte Formulare haben einen Freigabelink, der erneut gesendet werden kann (Status ist „%1“).</translation>
    </message>
    <message>
        <source>The payment has already been refunded in full.</source>
        <translation>Die Zahlung wurde bereits vollständig erstattet.</translation>
    </message>
    <message>
        <source>Only paid forms can be refunded (status is &quot;%1&quot;).</source>
        <translation>Nur bezahlte Formulare können erstattet werden (Status ist „%1“).</translation>
    </message>
</context>
<context>
    <name>WaveformData</name>
    <message>
        <source>silent %1–%2 s</source>
        <translation>still %1–%2 s</translation>
    </message>
    <message>
        <source>clipped %1–%2 s</source>
        <translation>übersteuert %1–%2 s</translation>
    </message>
    <message>
        <source>Silent throughout</source>
        <translation>Durchgehend still</translation>
    </message>
    <message>
        <source>Silent at the start (%1 s)</source>
        <translation>Still am Anfang (%1 s)</translation>
    </message>
    <message>
        <source>Silent at the end (%1 s)</source>
        <translation>Still am Ende (%1 s)</translation>
    </message>
    <message>
        <source>Silent %1–%2 s</source>
        <translation>Still %1–%2 s</translation>
    </message>
    <message numerus="yes">
        <source>%n more silence(s)</source>
        <translation>
            <numerusform>%n weitere stille Stelle</numerusform>
            <numerusform>%n weitere stille Stellen</numerusform>
        </translation>
    </message>
    <message>
        <source>Clipped at %1 s</source>
        <translation>Übersteuert bei %1 s</translation>
    </message>
    <message numerus="yes">
        <source>Clipped in %n places (first at %1 s)</source>
        <translation>
            <numerusform>An %n Stelle übersteuert (zuerst bei %1 s)</numerusform>
            <numerusform>An %n Stellen übersteuert (zuerst bei %1 s)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>compose::Accessibility</name>
    <message numerus="yes">
        <source>%Ln form(s)</source>
        <translation>
            <numerusform>%Ln Formular</numerusform>
            <numerusform>%Ln Formulare</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 reached, %2 now</source>
        <translation>%1 erreicht, %2 jetzt</translation>
    </message>
    <message>
        <source>Status funnel</source>
        <translation>Status-Trichter</translation>
    </message>
    <message>
        <source>Waveform</source>
        <translation>Wellenform</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <source>No long silence or clipping</source>
        <translation>Keine lange Stille oder Übersteuerung</translation>
    </message>
</context>
<context>
    <name>compose::ActionBar</name>
    <message>
        <source>Working: %1…</source>
        <translation>In Arbeit: %1 …</translation>
    </message>
    <message>
        <source>Not available.</source>
        <translation>Nicht verfügbar.</translation>
    </message>
    <message>
        <source>Select a form first.</source>
        <translation>Zuerst ein Formular auswählen.</translation>
    </message>
    <message>
        <source>Form %1 is not selected in the list: select it again to act on it.</source>
        <translation>Formular %1 ist in der Liste nicht ausgewählt: Wählen Sie es erneut aus, um es zu bearbeiten.</translation>
    </message>
    <message>
        <source>%1…
%2</source>
        <translation>%1 …
%2</translation>
    </message>
    <message>
        <source>%1 for the selected form</source>
        <translation>%1 für das ausgewählte Formular</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1 for this form (%2; asks for confirmation first)</source>
        <translation>%1 für dieses Formular (%2; fragt zuerst nach Bestätigung)</translation>
    </message>
    <message>
        <source>%1 (%2): %3</source>
        <translation>%1 (%2): %3</translation>
    </message>
</context>
<context>
    <name>compose::ActionDialog</name>
    <message>
        <source>(no recipient name)</source>
        <translation>(kein Empfängername)</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 – %2</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Erneut versuchen</translation>
    </message>
    <message>
        <source>Sends the very same request again (same Idempotency-Key): it cannot be done twice.</source>
        <translation>Sendet genau dieselbe Anfrage noch einmal (gleicher Idempotency-Key): Sie kann nicht doppelt ausgeführt werden.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>All %1 failed variations</source>
        <translation>Alle %1 fehlgeschlagenen Varianten</translation>
    </message>
    <message>
        <source>Song %1, variation %2 (%3)</source>
        <translation>Song %1, Variante %2 (%3)</translation>
    </message>
    <message>
        <source>Regenerate:</source>
        <translation>Neu generieren:</translation>
    </message>
    <message>
        <source>Optional note for the audit trail</source>
        <translation>Optionale Notiz für das Protokoll</translation>
    </message>
    <message>
        <source>Note:</source>
        <translation>Notiz:</translation>
    </message>
    <message>
        <source>Send to:</source>
        <translation>Senden an:</translation>
    </message>
    <message>
        <source>Leave empty to send to the address on the form (%1).</source>
        <translation>Leer lassen, um an die Adresse im Formular zu senden (%1).</translation>
    </message>
    <message>
        <source>Paid:</source>
        <translation>Bezahlt:</translation>
    </message>
    <message>
        <source>Full refund of what remains</source>
        <translation>Volle Erstattung des Restbetrags</translation>
    </message>
    <message>
        <source>Partial refund:</source>
        <translation>Teilerstattung:</translation>
    </message>
    <message>
        <source>Requested by customer</source>
        <translation>Auf Wunsch des Kunden</translation>
    </message>
    <message>
        <source>Duplicate payment</source>
        <translation>Doppelte Zahlung</translation>
    </message>
    <message>
        <source>Fraudulent</source>
        <translation>Betrügerisch</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>Grund:</translation>
    </message>
    <message>
        <source>refunded %1 (%2, %3) by %4 on %5</source>
        <translation>%1 erstattet (%2, %3) von %4 am %5</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>%1 can still be refunded</source>
        <translation>%1 kann noch erstattet werden</translation>
    </message>
    <message>
        <source>Form %1 (for %2): MusicGPT will generate %3 again. The current preview is replaced when the new one finishes; the customer&apos;s selection is kept.</source>
        <translation>Formular %1 (für %2): MusicGPT generiert %3 neu. Die aktuelle Vorschau wird ersetzt, sobald die neue fertig ist; die Auswahl des Kunden bleibt erhalten.</translation>
    </message>
    <message>
        <source>nothing (no variations)</source>
        <translation>nichts (keine Varianten)</translation>
    </message>
    <message>
        <source>(no e-mail)</source>
        <translation>(keine E-Mail)</translation>
    </message>
    <message>
        <source>The customer receives an e-mail at %1 with the share link to the song of form %2 (for %3).</source>
        <translation>Der Kunde erhält an %1 eine E-Mail mit dem Freigabelink zum Song von Formular %2 (für %3).</translation>
    </message>
    <message>
        <source>The form becomes &quot;%1&quot; (it is &quot;%2&quot; now); afterwards Redeliver can send the same link again.</source>
        <translation>Das Formular wird „%1“ (jetzt ist es „%2“); danach kann „Link erneut senden“ denselben Link noch einmal schicken.</translation>
    </message>
    <message>
        <source>The customer receives the same share link of form %1 (for %2) again, by e-mail at %3. The form stays &quot;%4&quot;; nothing else changes.</source>
        <translation>Der Kunde erhält denselben Freigabelink von Formular %1 (für %2) erneut per E-Mail an %3. Das Formular bleibt „%4“; sonst ändert sich nichts.</translation>
    </message>
    <message>
        <source>Refund %1</source>
        <translation>%1 erstatten</translation>
    </message>
    <message>
        <source>No variation of this form has failed: there is nothing to retry.</source>
        <translation>Keine Variante dieses Formulars ist fehlgeschlagen: Es gibt nichts zu wiederholen.</translation>
    </message>
    <message>
        <source>The form has no e-mail: enter one.</source>
        <translation>Das Formular hat keine E-Mail-Adresse: Bitte eine eingeben.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an e-mail address.</source>
        <translation>„%1“ ist keine E-Mail-Adresse.</translation>
    </message>
    <message>
        <source>Nothing is left to refund.</source>
        <translation>Es ist nichts mehr zu erstatten.</translation>
    </message>
    <message>
        <source>At most %1 can be refunded.</source>
        <translation>Höchstens %1 können erstattet werden.</translation>
    </message>
    <message>
        <source>Another action on this form is still in progress.</source>
        <translation>Eine andere Aktion für dieses Formular läuft noch.</translation>
    </message>
    <message>
        <source>Done.</source>
        <translation>Erledigt.</translation>
    </message>
    <message>
        <source>Refunded %1 (Stripe refund %2, %3).</source>
        <translation>%1 erstattet (Stripe-Erstattung %2, %3).</translation>
    </message>
    <message numerus="yes">
        <source>Generation restarted for %n variation(s); the table shows &quot;generating…&quot; until MusicGPT is done.</source>
        <translation>
            <numerusform>Generierung für %n Variante neu gestartet; die Tabelle zeigt „wird generiert …“, bis MusicGPT fertig ist.</numerusform>
            <numerusform>Generierung für %n Varianten neu gestartet; die Tabelle zeigt „wird generiert …“, bis MusicGPT fertig ist.</numerusform>
        </translation>
    </message>
    <message>
        <source>Form %1 is delivered; the share link was sent.</source>
        <translation>Formular %1 ist zugestellt; der Freigabelink wurde gesendet.</translation>
    </message>
    <message>
        <source>The share link was sent again to %1.</source>
        <translation>Der Freigabelink wurde erneut an %1 gesendet.</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>%1 paid on %2</source>
        <translation>%1 bezahlt am %2</translation>
    </message>
    <message>
        <source>%1 paid</source>
        <translation>%1 bezahlt</translation>
    </message>
    <message numerus="yes">
        <source>The customer receives an e-mail at %1 with the share links to the %n song(s) of form %2 (for %3).</source>
        <translation>
            <numerusform>Der Kunde erhält an %1 eine E-Mail mit dem Freigabelink zu %n Song von Formular %2 (für %3).</numerusform>
            <numerusform>Der Kunde erhält an %1 eine E-Mail mit den Freigabelinks zu den %n Songs von Formular %2 (für %3).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Why, in the customer&apos;s words (at least %n characters)</source>
        <translation>
            <numerusform>Warum, in den Worten des Kunden (mindestens %n Zeichen)</numerusform>
            <numerusform>Warum, in den Worten des Kunden (mindestens %n Zeichen)</numerusform>
        </translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Sonstiges</translation>
    </message>
    <message>
        <source>Stripe reason:</source>
        <translation>Grund für Stripe:</translation>
    </message>
    <message>
        <source>(no payment id)</source>
        <translation>(keine Zahlungs-ID)</translation>
    </message>
    <message>
        <source>Stripe will refund %1 of the %2 paid for form %3 (for %4) to the card of %5 (payment %6).</source>
        <translation>Stripe erstattet %1 der für Formular %3 (für %4) bezahlten %2 auf die Karte von %5 (Zahlung %6).</translation>
    </message>
    <message>
        <source>the customer</source>
        <translation>dem Kunden</translation>
    </message>
    <message>
        <source>The form will then count as refunded.</source>
        <translation>Das Formular gilt danach als erstattet.</translation>
    </message>
    <message>
        <source>Type the customer&apos;s reason.</source>
        <translation>Bitte den Grund des Kunden eingeben.</translation>
    </message>
    <message numerus="yes">
        <source>The reason is too short: at least %n characters.</source>
        <translation>
            <numerusform>Der Grund ist zu kurz: mindestens %n Zeichen.</numerusform>
            <numerusform>Der Grund ist zu kurz: mindestens %n Zeichen.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>compose::ApiClient</name>
    <message>
        <source>The API&apos;s HTTPS certificate was not accepted: %1</source>
        <translation>Das HTTPS-Zertifikat der API wurde nicht akzeptiert: %1</translation>
    </message>
    <message>
        <source>The API did not answer in time. The action may or may not have been done; trying again is safe and will not do it twice.</source>
        <translation>Die API hat nicht rechtzeitig geantwortet. Die Aktion wurde vielleicht ausgeführt, vielleicht nicht; ein erneuter Versuch ist sicher und führt sie nicht doppelt aus.</translation>
    </message>
    <message>
        <source>The API cannot be reached (%1). Nothing was changed by this attempt unless the server got it; trying again is safe.</source>
        <translation>Die API ist nicht erreichbar (%1). Dieser Versuch hat nichts geändert, sofern der Server ihn nicht erhalten hat; ein erneuter Versuch ist sicher.</translation>
    </message>
    <message>
        <source>The API did not accept your staff token. Enter a valid one with the &quot;Staff token…&quot; button at the top of the window.</source>
        <translation>Die API hat Ihr Mitarbeiter-Token nicht akzeptiert. Geben Sie über die Schaltfläche „Mitarbeiter-Token …“ oben im Fenster ein gültiges ein.</translation>
    </message>
    <message>
        <source>Your role may not do this.</source>
        <translation>Ihre Rolle darf das nicht.</translation>
    </message>
    <message>
        <source>The API does not know this form.</source>
        <translation>Die API kennt dieses Formular nicht.</translation>
    </message>
    <message>
        <source>The form&apos;s state does not allow this any more.</source>
        <translation>Der Zustand des Formulars lässt das nicht mehr zu.</translation>
    </message>
    <message>
        <source>The API refused the request as invalid.</source>
        <translation>Die API hat die Anfrage als ungültig abgelehnt.</translation>
    </message>
    <message>
        <source>The API is busy (too many requests). Wait a moment and try again.</source>
        <translation>Die API ist ausgelastet (zu viele Anfragen). Bitte kurz warten und erneut versuchen.</translation>
    </message>
    <message>
        <source>The API failed (HTTP %1).</source>
        <translation>Die API ist fehlgeschlagen (HTTP %1).</translation>
    </message>
    <message>
        <source> Trying again with the same request is safe.</source>
        <translation> Ein erneuter Versuch mit derselben Anfrage ist sicher.</translation>
    </message>
    <message>
        <source>No API is configured.</source>
        <translation>Es ist keine API eingerichtet.</translation>
    </message>
    <message>
        <source>No staff token is set.</source>
        <translation>Es ist kein Mitarbeiter-Token gesetzt.</translation>
    </message>
    <message>
        <source>The API&apos;s answer to &quot;who am I&quot; was not understood.</source>
        <translation>Die Antwort der API auf „Wer bin ich“ wurde nicht verstanden.</translation>
    </message>
    <message>
        <source>The CA file holds no PEM certificate.</source>
        <translation>Die CA-Datei enthält kein PEM-Zertifikat.</translation>
    </message>
</context>
<context>
    <name>compose::ApiErrorText</name>
    <message>
        <source>The form&apos;s status does not allow this action.</source>
        <translation>Der Status des Formulars lässt diese Aktion nicht zu.</translation>
    </message>
    <message>
        <source>The amount is more than what can still be refunded.</source>
        <translation>Der Betrag ist höher als das, was noch erstattet werden kann.</translation>
    </message>
    <message>
        <source>The amount is too large.</source>
        <translation>Der Betrag ist zu hoch.</translation>
    </message>
    <message>
        <source>The API refused the request.</source>
        <translation>Die API hat die Anfrage abgelehnt.</translation>
    </message>
    <message>
        <source>Stripe says this payment is already refunded.</source>
        <translation>Laut Stripe ist diese Zahlung bereits erstattet.</translation>
    </message>
    <message>
        <source>A checkout is open for this form; its selection can no longer change.</source>
        <translation>Für dieses Formular läuft ein Checkout; seine Auswahl kann sich nicht mehr ändern.</translation>
    </message>
    <message>
        <source>The API&apos;s database reported an error. Nothing was changed.</source>
        <translation>Die Datenbank der API hat einen Fehler gemeldet. Es wurde nichts geändert.</translation>
    </message>
    <message>
        <source>The API cannot reach its database right now. Try again in a moment.</source>
        <translation>Die API erreicht ihre Datenbank gerade nicht. Bitte gleich noch einmal versuchen.</translation>
    </message>
    <message>
        <source>The request named a field twice.</source>
        <translation>Die Anfrage enthielt ein Feld doppelt.</translation>
    </message>
    <message>
        <source>A form with this id already exists.</source>
        <translation>Ein Formular mit dieser ID gibt es bereits.</translation>
    </message>
    <message>
        <source>The form&apos;s variations and selections can no longer change.</source>
        <translation>Die Varianten und die Auswahl des Formulars können sich nicht mehr ändern.</translation>
    </message>
    <message>
        <source>The API does not know this form.</source>
        <translation>Die API kennt dieses Formular nicht.</translation>
    </message>
    <message>
        <source>Your role may not do this.</source>
        <translation>Ihre Rolle darf das nicht.</translation>
    </message>
    <message>
        <source>A generation for this form is still running.</source>
        <translation>Für dieses Formular läuft noch eine Generierung.</translation>
    </message>
    <message>
        <source>This form has used all of its generation calls.</source>
        <translation>Dieses Formular hat alle seine Generierungen aufgebraucht.</translation>
    </message>
    <message>
        <source>This request key was already used for a different request.</source>
        <translation>Dieser Anfrageschlüssel wurde bereits für eine andere Anfrage verwendet.</translation>
    </message>
    <message>
        <source>The same action is still being processed. Try again in a moment.</source>
        <translation>Dieselbe Aktion wird noch verarbeitet. Bitte gleich noch einmal versuchen.</translation>
    </message>
    <message>
        <source>The API failed on its side. Nothing was changed.</source>
        <translation>Die API ist auf ihrer Seite fehlgeschlagen. Es wurde nichts geändert.</translation>
    </message>
    <message>
        <source>A value in the request is not valid.</source>
        <translation>Ein Wert in der Anfrage ist ungültig.</translation>
    </message>
    <message>
        <source>The API could not read the request.</source>
        <translation>Die API konnte die Anfrage nicht lesen.</translation>
    </message>
    <message>
        <source>The form cannot move to that status from its current one.</source>
        <translation>Das Formular kann von seinem jetzigen Status nicht in diesen wechseln.</translation>
    </message>
    <message>
        <source>The API does not offer this action here.</source>
        <translation>Die API bietet diese Aktion hier nicht an.</translation>
    </message>
    <message>
        <source>The request is missing a required value.</source>
        <translation>In der Anfrage fehlt ein Pflichtwert.</translation>
    </message>
    <message>
        <source>The form has no customer e-mail address; enter one.</source>
        <translation>Das Formular hat keine E-Mail-Adresse des Kunden; bitte eine eingeben.</translation>
    </message>
    <message>
        <source>The form has no Stripe payment to refund.</source>
        <translation>Das Formular hat keine Stripe-Zahlung, die erstattet werden könnte.</translation>
    </message>
    <message>
        <source>The API is not configured for this action.</source>
        <translation>Die API ist für diese Aktion nicht eingerichtet.</translation>
    </message>
    <message>
        <source>The API does not know this address.</source>
        <translation>Die API kennt diese Adresse nicht.</translation>
    </message>
    <message>
        <source>Nothing is left to refund on this form.</source>
        <translation>Für dieses Formular ist nichts mehr zu erstatten.</translation>
    </message>
    <message>
        <source>The form has no failed variations.</source>
        <translation>Das Formular hat keine fehlgeschlagenen Varianten.</translation>
    </message>
    <message>
        <source>The request is too large.</source>
        <translation>Die Anfrage ist zu groß.</translation>
    </message>
    <message>
        <source>The form already has its prompts.</source>
        <translation>Das Formular hat seine Prompts bereits.</translation>
    </message>
    <message>
        <source>The prompts are missing.</source>
        <translation>Die Prompts fehlen.</translation>
    </message>
    <message>
        <source>Stripe refused the refund.</source>
        <translation>Stripe hat die Erstattung abgelehnt.</translation>
    </message>
    <message>
        <source>The music generation task is not known.</source>
        <translation>Der Musikgenerierungs-Task ist unbekannt.</translation>
    </message>
    <message>
        <source>The API did not accept your staff token.</source>
        <translation>Die API hat Ihr Mitarbeiter-Token nicht akzeptiert.</translation>
    </message>
    <message>
        <source>The request contains a field the API does not know.</source>
        <translation>Die Anfrage enthält ein Feld, das die API nicht kennt.</translation>
    </message>
    <message>
        <source>The user is not known.</source>
        <translation>Der Benutzer ist unbekannt.</translation>
    </message>
    <message>
        <source>A service the API depends on (MusicGPT or Stripe) failed. Try again later.</source>
        <translation>Ein Dienst, von dem die API abhängt (MusicGPT oder Stripe), ist ausgefallen. Bitte später erneut versuchen.</translation>
    </message>
    <message>
        <source>That variation has no finished audio yet.</source>
        <translation>Diese Variante hat noch kein fertiges Audio.</translation>
    </message>
</context>
<context>
    <name>compose::AttentionModel</name>
    <message>
        <source>%1+</source>
        <translation>%1+</translation>
    </message>
    <message>
        <source>%1: …</source>
        <translation>%1: …</translation>
    </message>
    <message>
        <source>%1: not available</source>
        <translation>%1: nicht verfügbar</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message numerus="yes">
        <source>%n order(s) name no form; they are not in the form list.</source>
        <translation>
            <numerusform>%n Bestellung nennt kein Formular; sie steht nicht in der Formularliste.</numerusform>
            <numerusform>%n Bestellungen nennen kein Formular; sie stehen nicht in der Formularliste.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: %2 (+%n order(s))</source>
        <translation>
            <numerusform>%1: %2 (+%n Bestellung)</numerusform>
            <numerusform>%1: %2 (+%n Bestellungen)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>compose::AttentionPanel</name>
    <message>
        <source>Needs attention</source>
        <translation>Handlungsbedarf</translation>
    </message>
    <message>
        <source>&amp;Needs attention</source>
        <translation>&amp;Handlungsbedarf</translation>
    </message>
    <message>
        <source>&amp;Next form of this queue</source>
        <translation>Nä&amp;chstes Formular dieser Warteschlange</translation>
    </message>
    <message>
        <source>Open the next form of the chosen queue with the action it needs offered</source>
        <translation>Das nächste Formular der gewählten Warteschlange öffnen und die nötige Aktion anbieten</translation>
    </message>
    <message>
        <source>Show the forms of the queue &quot;%1&quot;</source>
        <translation>Die Formulare der Warteschlange „%1“ anzeigen</translation>
    </message>
    <message>
        <source>Next ▸</source>
        <translation>Nächstes ▸</translation>
    </message>
    <message>
        <source>Open the next form of the chosen queue (Ctrl+J)</source>
        <translation>Das nächste Formular der gewählten Warteschlange öffnen (Strg+J)</translation>
    </message>
</context>
<context>
    <name>compose::AttentionPresenter</name>
    <message>
        <source>No other form in &quot;%1&quot;.</source>
        <translation>Kein weiteres Formular in „%1“.</translation>
    </message>
    <message>
        <source>%1 is offered: press Space to open it.</source>
        <translation>%1 wird angeboten: Drücken Sie die Leertaste, um es zu öffnen.</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 – %2</translation>
    </message>
    <message>
        <source>the second payment, order %1, is selected: press Enter to refund it.</source>
        <translation>die zweite Zahlung, Bestellung %1, ist ausgewählt: Eingabe erstattet sie.</translation>
    </message>
</context>
<context>
    <name>compose::AudioPresenter</name>
    <message>
        <source>Play the form&apos;s chosen variation</source>
        <translation>Die gewählte Variante des Formulars abspielen</translation>
    </message>
    <message>
        <source>Play the selected form&apos;s chosen variation</source>
        <translation>Die gewählte Variante des ausgewählten Formulars abspielen</translation>
    </message>
    <message>
        <source>Enter (variation table)</source>
        <translation>Eingabetaste (Variantentabelle)</translation>
    </message>
    <message>
        <source>Play that variation</source>
        <translation>Diese Variante abspielen</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>Abspielen</translation>
    </message>
    <message>
        <source>for %1</source>
        <translation>für %1</translation>
    </message>
    <message>
        <source>Select a form in the list first.</source>
        <translation>Zuerst ein Formular in der Liste auswählen.</translation>
    </message>
    <message>
        <source>This form has no preview to play yet.</source>
        <translation>Dieses Formular hat noch keine Vorschau zum Abspielen.</translation>
    </message>
</context>
<context>
    <name>compose::AuditTrailModel</name>
    <message>
        <source>all that remained</source>
        <translation>der gesamte Rest</translation>
    </message>
    <message>
        <source>Refund %1, reason %2</source>
        <translation>Erstattung %1, Grund %2</translation>
    </message>
    <message>
        <source>Refund %1 (%2, %3), reason %4</source>
        <translation>Erstattung %1 (%2, %3), Grund %4</translation>
    </message>
    <message>
        <source> (&quot;%1&quot;)</source>
        <translation> („%1“)</translation>
    </message>
    <message>
        <source>Retry all failed variations</source>
        <translation>Alle fehlgeschlagenen Varianten wiederholen</translation>
    </message>
    <message>
        <source>Retry song %1 variation %2</source>
        <translation>Song %1, Variante %2 wiederholen</translation>
    </message>
    <message>
        <source>Mark delivered</source>
        <translation>Als zugestellt markiert</translation>
    </message>
    <message>
        <source>Mark delivered (&quot;%1&quot;)</source>
        <translation>Als zugestellt markieren („%1“)</translation>
    </message>
    <message>
        <source>Redeliver the share link</source>
        <translation>Freigabelink erneut senden</translation>
    </message>
    <message>
        <source>Redeliver the share link to %1</source>
        <translation>Freigabelink erneut an %1 senden</translation>
    </message>
    <message>
        <source>refused (%1): %2</source>
        <translation>abgelehnt (%1): %2</translation>
    </message>
    <message>
        <source>done</source>
        <translation>erledigt</translation>
    </message>
    <message>
        <source>system</source>
        <translation>System</translation>
    </message>
    <message>
        <source>Status set to %1</source>
        <translation>Status auf %1 gesetzt</translation>
    </message>
    <message>
        <source>Status %1 → %2</source>
        <translation>Status %1 → %2</translation>
    </message>
    <message>
        <source>status change</source>
        <translation>Statuswechsel</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Wann</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Wer</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Was</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Ergebnis</translation>
    </message>
</context>
<context>
    <name>compose::AuditTrailView</name>
    <message>
        <source>The audit trail comes from compose-api: %1</source>
        <translation>Das Protokoll kommt von compose-api: %1</translation>
    </message>
    <message>
        <source>No staff actions or status changes recorded for this form yet.</source>
        <translation>Für dieses Formular sind noch keine Mitarbeiteraktionen oder Statuswechsel erfasst.</translation>
    </message>
    <message numerus="yes">
        <source>%n entry(s), newest first.</source>
        <translation>
            <numerusform>%n Eintrag, neueste zuerst.</numerusform>
            <numerusform>%n Einträge, neueste zuerst.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>compose::Banner</name>
    <message>
        <source>Warning:</source>
        <translation>Warnung:</translation>
    </message>
    <message>
        <source>Note:</source>
        <translation>Hinweis:</translation>
    </message>
</context>
<context>
    <name>compose::BulkRetry</name>
    <message>
        <source>Retry failed variations of the selected forms</source>
        <translation>Fehlgeschlagene Varianten der ausgewählten Formulare wiederholen</translation>
    </message>
    <message>
        <source>Retry the failed variations of every form selected in the list</source>
        <translation>Die fehlgeschlagenen Varianten aller in der Liste ausgewählten Formulare wiederholen</translation>
    </message>
    <message>
        <source>Retry of the selection: %1 started, %2 had nothing to retry, %3 failed.</source>
        <translation>Wiederholung der Auswahl: %1 gestartet, bei %2 gab es nichts zu wiederholen, %3 fehlgeschlagen.</translation>
    </message>
    <message>
        <source>Retry the failed variations of %1</source>
        <translation>Die fehlgeschlagenen Varianten von %1 wiederholen</translation>
    </message>
    <message numerus="yes">
        <source>%n forms are selected: retry at most %1 at once.</source>
        <translation>
            <numerusform>%n Formular ist ausgewählt: höchstens %1 auf einmal wiederholen.</numerusform>
            <numerusform>%n Formulare sind ausgewählt: höchstens %1 auf einmal wiederholen.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>compose::CommandPalette</name>
    <message>
        <source>Command palette</source>
        <translation>Befehlspalette</translation>
    </message>
    <message>
        <source>Type an action or a form (id, recipient, e-mail)…</source>
        <translation>Eine Aktion oder ein Formular eingeben (ID, Empfänger, E-Mail) …</translation>
    </message>
    <message>
        <source>Form %1 · %2 · %3</source>
        <translation>Formular %1 · %2 · %3</translation>
    </message>
    <message>
        <source>%1    %2</source>
        <translation>%1    %2</translation>
    </message>
    <message>
        <source>Find forms: %1</source>
        <translation>Formulare suchen: %1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <comment>menu: command</comment>
        <translation>%1: %2</translation>
    </message>
</context>
<context>
    <name>compose::ConnectionDialog</name>
    <message>
        <source>Connect to the shop&apos;s database</source>
        <translation>Mit der Datenbank des Shops verbinden</translation>
    </message>
    <message>
        <source>localhost (empty: PGHOST or the local socket)</source>
        <translation>localhost (leer: PGHOST oder der lokale Socket)</translation>
    </message>
    <message>
        <source>default (5432)</source>
        <translation>Standard (5432)</translation>
    </message>
    <message>
        <source>empty: PGDATABASE or the user name</source>
        <translation>leer: PGDATABASE oder der Benutzername</translation>
    </message>
    <message>
        <source>empty: PGUSER or your login</source>
        <translation>leer: PGUSER oder Ihr Login</translation>
    </message>
    <message>
        <source>not saved; empty: PGPASSWORD or ~/.pgpass</source>
        <translation>wird nicht gespeichert; leer: PGPASSWORD oder ~/.pgpass</translation>
    </message>
    <message>
        <source>&amp;Host:</source>
        <translation>&amp;Host:</translation>
    </message>
    <message>
        <source>P&amp;ort:</source>
        <translation>P&amp;ort:</translation>
    </message>
    <message>
        <source>&amp;Database:</source>
        <translation>&amp;Datenbank:</translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation>&amp;Benutzer:</translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation>Pass&amp;wort:</translation>
    </message>
    <message>
        <source>&amp;SSL mode:</source>
        <translation>&amp;SSL-Modus:</translation>
    </message>
    <message>
        <source>Database &amp;URL:</source>
        <translation>Datenbank-&amp;URL:</translation>
    </message>
    <message>
        <source>A password in the URL is used for this session only.</source>
        <translation>Ein Passwort in der URL gilt nur für diese Sitzung.</translation>
    </message>
    <message>
        <source>/path/to/compose.db</source>
        <translation>/pfad/zu/compose.db</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Durchsuchen …</translation>
    </message>
    <message>
        <source>SQLite &amp;file:</source>
        <translation>SQLite-&amp;Datei:</translation>
    </message>
    <message>
        <source>PostgreSQL server</source>
        <translation>PostgreSQL-Server</translation>
    </message>
    <message>
        <source>PostgreSQL URL</source>
        <translation>PostgreSQL-URL</translation>
    </message>
    <message>
        <source>SQLite file</source>
        <translation>SQLite-Datei</translation>
    </message>
    <message>
        <source>&amp;Connect</source>
        <translation>&amp;Verbinden</translation>
    </message>
    <message>
        <source>&amp;Test connection</source>
        <translation>Verbindung &amp;testen</translation>
    </message>
    <message>
        <source>Connection works.</source>
        <translation>Die Verbindung funktioniert.</translation>
    </message>
    <message>
        <source>Paste a postgresql:// URL, or use one of the other tabs.</source>
        <translation>Eine postgresql://-URL einfügen oder einen der anderen Reiter verwenden.</translation>
    </message>
    <message>
        <source>Choose an SQLite database file.</source>
        <translation>Eine SQLite-Datenbankdatei auswählen.</translation>
    </message>
    <message>
        <source>There is no file at %1.</source>
        <translation>Unter %1 gibt es keine Datei.</translation>
    </message>
    <message>
        <source>The host name &quot;%1&quot; is not valid.</source>
        <translation>Der Hostname „%1“ ist ungültig.</translation>
    </message>
    <message>
        <source>Testing %1…</source>
        <translation>%1 wird getestet …</translation>
    </message>
    <message>
        <source>Open SQLite database</source>
        <translation>SQLite-Datenbank öffnen</translation>
    </message>
    <message>
        <source>SQLite databases (*.db *.sqlite *.sqlite3);;All files (*)</source>
        <translation>SQLite-Datenbanken (*.db *.sqlite *.sqlite3);;Alle Dateien (*)</translation>
    </message>
</context>
<context>
    <name>compose::CustomerView</name>
    <message>
        <source>account %1</source>
        <translation>Konto %1</translation>
    </message>
    <message>
        <source>%1 (account %2)</source>
        <translation>%1 (Konto %2)</translation>
    </message>
    <message>
        <source>Forms of %1</source>
        <translation>Formulare von %1</translation>
    </message>
    <message>
        <source>Loading the forms of %1…</source>
        <translation>Formulare von %1 werden geladen …</translation>
    </message>
    <message>
        <source>Form</source>
        <translation>Formular</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <source>Recipient</source>
        <translation>Empfänger</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>Bezahlt</translation>
    </message>
    <message>
        <source>Refunded</source>
        <translation>Erstattet</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Gesendet</translation>
    </message>
    <message>
        <source>Open form</source>
        <translation>Formular öffnen</translation>
    </message>
    <message>
        <source>Could not load the customer&apos;s forms: %1</source>
        <translation>Die Formulare des Kunden konnten nicht geladen werden: %1</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message numerus="yes">
        <source>sent %n time(s)</source>
        <translation>
            <numerusform>%n-mal gesendet</numerusform>
            <numerusform>%n-mal gesendet</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n form(s) · paid %1 · refunded %2 · %3</source>
        <translation>
            <numerusform>%n Formular · bezahlt %1 · erstattet %2 · %3</numerusform>
            <numerusform>%n Formulare · bezahlt %1 · erstattet %2 · %3</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n form(s) · paid %1 · refunds and deliveries are not known on this database (no compose tables)</source>
        <translation>
            <numerusform>%n Formular · bezahlt %1 · Erstattungen und Zustellungen sind in dieser Datenbank nicht bekannt (keine compose-Tabellen)</numerusform>
            <numerusform>%n Formulare · bezahlt %1 · Erstattungen und Zustellungen sind in dieser Datenbank nicht bekannt (keine compose-Tabellen)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>compose::DashboardController</name>
    <message>
        <source>Demo database</source>
        <translation>Demo-Datenbank</translation>
    </message>
    <message>
        <source>The demo database could not be prepared:
%1</source>
        <translation>Die Demo-Datenbank konnte nicht vorbereitet werden:
%1</translation>
    </message>
    <message>
        <source>The demo&apos;s previews may not play: their links could not be updated (%1).</source>
        <translation>Die Vorschauen der Demo spielen eventuell nicht: Ihre Links konnten nicht aktualisiert werden (%1).</translation>
    </message>
    <message>
        <source>Compose Desk — Demo</source>
        <translation>Compose Desk – Demo</translation>
    </message>
    <message>
        <source>Demo data</source>
        <translation>Demodaten</translation>
    </message>
    <message>
        <source>Generated demo data in %1</source>
        <translation>Erzeugte Demodaten in %1</translation>
    </message>
    <message>
        <source>&amp;Mailbox…</source>
        <translation>&amp;Postfach …</translation>
    </message>
    <message>
        <source>Preparing the demo database…</source>
        <translation>Demo-Datenbank wird vorbereitet …</translation>
    </message>
    <message>
        <source>Compose Desk</source>
        <translation>Compose Desk</translation>
    </message>
    <message>
        <source>The built-in API did not start: %1</source>
        <translation>Die eingebaute API ist nicht gestartet: %1</translation>
    </message>
    <message>
        <source>compose-api</source>
        <translation>compose-api</translation>
    </message>
    <message>
        <source>Address of compose-api (e.g. https://api.example.com):</source>
        <translation>Adresse von compose-api (z. B. https://api.example.com):</translation>
    </message>
    <message>
        <source>Staff token</source>
        <translation>Mitarbeiter-Token</translation>
    </message>
    <message>
        <source>Your staff token for %1
(ask an admin: compose-api --add-staff NAME --role agent). It is kept in the system keychain, never in a settings file.</source>
        <translation>Ihr Mitarbeiter-Token für %1
(bei einem Admin erfragen: compose-api --add-staff NAME --role agent). Es wird im Schlüsselbund des Systems gespeichert, nie in einer Einstellungsdatei.</translation>
    </message>
    <message>
        <source>Deliveries</source>
        <translation>Zustellungen</translation>
    </message>
    <message>
        <source>De&amp;mo</source>
        <translation>De&amp;mo</translation>
    </message>
</context>
<context>
    <name>compose::DatabaseStatus</name>
    <message>
        <source>Try again</source>
        <translation>Erneut versuchen</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>Verbindung zu %1 wird hergestellt …</translation>
    </message>
    <message>
        <source>Could not open the database %1: %2</source>
        <translation>Die Datenbank %1 konnte nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <source>Connection to the database lost (%1).</source>
        <translation>Verbindung zur Datenbank verloren (%1).</translation>
    </message>
    <message>
        <source>Showing data from %1 — reconnecting…</source>
        <translation>Daten von %1 – Verbindung wird wiederhergestellt …</translation>
    </message>
    <message>
        <source>Reconnecting…</source>
        <translation>Verbindung wird wiederhergestellt …</translation>
    </message>
    <message>
        <source>No database</source>
        <translation>Keine Datenbank</translation>
    </message>
    <message>
        <source>Connected to %1</source>
        <translation>Verbunden mit %1</translation>
    </message>
    <message>
        <source>Disconnected from %1</source>
        <translation>Getrennt von %1</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>Nicht verbunden</translation>
    </message>
    <message>
        <source>Not connected (%1)</source>
        <translation>Nicht verbunden (%1)</translation>
    </message>
    <message>
        <source>seed-only schema: read-only, polling</source>
        <translation>nur Shop-Schema: schreibgeschützt, Abfrage in Intervallen</translation>
    </message>
    <message>
        <source>schema v%1</source>
        <translation>Schema v%1</translation>
    </message>
    <message>
        <source>status history</source>
        <translation>Statusverlauf</translation>
    </message>
    <message>
        <source>no history</source>
        <translation>kein Verlauf</translation>
    </message>
    <message>
        <source>funnel rollup</source>
        <translation>Trichter-Zusammenfassung</translation>
    </message>
    <message>
        <source>● Live (notifications)</source>
        <translation>● Live (Benachrichtigungen)</translation>
    </message>
    <message>
        <source>● Live (polling every few seconds)</source>
        <translation>● Live (Abfrage alle paar Sekunden)</translation>
    </message>
    <message>
        <source>○ Offline</source>
        <translation>○ Offline</translation>
    </message>
    <message>
        <source>● Live (polling a standby)</source>
        <translation>● Live (Abfrage eines Standby-Servers)</translation>
    </message>
    <message>
        <source>● Live (polling a standby, %1 s behind the primary)</source>
        <translation>● Live (Abfrage eines Standby-Servers, %1 s hinter dem Primärserver)</translation>
    </message>
    <message numerus="yes">
        <source>%Ln form(s)</source>
        <translation>
            <numerusform>%Ln Formular</numerusform>
            <numerusform>%Ln Formulare</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln form(s) · loading…</source>
        <translation>
            <numerusform>%Ln Formular · wird geladen …</numerusform>
            <numerusform>%Ln Formulare · wird geladen …</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>compose::DatabaseWorker</name>
    <message>
        <source>Not connected to a database.</source>
        <translation>Mit keiner Datenbank verbunden.</translation>
    </message>
    <message>
        <source>The connection to the database was lost.</source>
        <translation>Die Verbindung zur Datenbank ist verloren gegangen.</translation>
    </message>
    <message>
        <source>The database connection was lost: %1</source>
        <translation>Die Datenbankverbindung ist verloren gegangen: %1</translation>
    </message>
</context>
<context>
    <name>compose::DeepLink</name>
    <message>
        <source>&quot;%1&quot; is not a compose-desk:// link.</source>
        <translation>„%1“ ist kein compose-desk://-Link.</translation>
    </message>
    <message>
        <source>A compose-desk:// link names a form: compose-desk://form/ID.</source>
        <translation>Ein compose-desk://-Link nennt ein Formular: compose-desk://form/ID.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a form id.</source>
        <translation>„%1“ ist keine Formular-ID.</translation>
    </message>
</context>
<context>
    <name>compose::DeliveriesView</name>
    <message>
        <source>This form has not been delivered yet.</source>
        <translation>Dieses Formular wurde noch nicht zugestellt.</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Wann</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>To</source>
        <translation>An</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>By</source>
        <translation>Von</translation>
    </message>
    <message>
        <source>&amp;Open share page</source>
        <translation>Freigabeseite ö&amp;ffnen</translation>
    </message>
    <message>
        <source>Resend the song</source>
        <translation>Song erneut senden</translation>
    </message>
    <message>
        <source>Send the share link of form %1 again to %2? The customer gets a new e-mail.</source>
        <translation>Den Freigabelink von Formular %1 erneut an %2 senden? Der Kunde erhält eine neue E-Mail.</translation>
    </message>
    <message>
        <source>no e-mail recorded</source>
        <translation>keine E-Mail erfasst</translation>
    </message>
    <message>
        <source>sent %1</source>
        <translation>gesendet %1</translation>
    </message>
    <message>
        <source>queued</source>
        <translation>in der Warteschlange</translation>
    </message>
    <message>
        <source>sending</source>
        <translation>wird gesendet</translation>
    </message>
    <message>
        <source>failed, retrying %1 (attempt %2): %3</source>
        <translation>fehlgeschlagen, neuer Versuch %1 (Versuch %2): %3</translation>
    </message>
    <message numerus="yes">
        <source>failed after %n attempt(s): %1</source>
        <translation>
            <numerusform>fehlgeschlagen nach %n Versuch: %1</numerusform>
            <numerusform>fehlgeschlagen nach %n Versuchen: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>redelivery</source>
        <translation>erneute Zustellung</translation>
    </message>
    <message>
        <source>delivery</source>
        <translation>Zustellung</translation>
    </message>
    <message>
        <source>on payment</source>
        <translation>bei Zahlung</translation>
    </message>
    <message>
        <source>The API is not available: resending needs it.</source>
        <translation>Die API ist nicht verfügbar; zum erneuten Senden wird sie gebraucht.</translation>
    </message>
    <message>
        <source>Choose the delivery whose address should get the link again.</source>
        <translation>Die Zustellung auswählen, an deren Adresse der Link erneut gehen soll.</translation>
    </message>
    <message>
        <source>Send the share link again to the chosen address.</source>
        <translation>Den Freigabelink erneut an die gewählte Adresse senden.</translation>
    </message>
    <message>
        <source>Resend the share link of form %1 to %2</source>
        <translation>Freigabelink von Formular %1 erneut an %2 senden</translation>
    </message>
    <message>
        <source>Re&amp;send…</source>
        <translation>Erneut &amp;senden …</translation>
    </message>
</context>
<context>
    <name>compose::FilterBar</name>
    <message>
        <source>C&amp;reated:</source>
        <translation>E&amp;rstellt:</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Heute</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>Letzte 7 Tage</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>Letzte 30 Tage</translation>
    </message>
    <message>
        <source>All time</source>
        <translation>Gesamter Zeitraum</translation>
    </message>
    <message>
        <source>Custom…</source>
        <translation>Benutzerdefiniert …</translation>
    </message>
    <message>
        <source>Which forms the funnel and the list count, by the day they were created (UTC)</source>
        <translation>Welche Formulare Trichter und Liste zählen, nach ihrem Erstellungstag (UTC)</translation>
    </message>
    <message>
        <source>First day (inclusive)</source>
        <translation>Erster Tag (einschließlich)</translation>
    </message>
    <message>
        <source>Last day (inclusive)</source>
        <translation>Letzter Tag (einschließlich)</translation>
    </message>
    <message>
        <source>All packages</source>
        <translation>Alle Pakete</translation>
    </message>
    <message>
        <source>Show all statuses again</source>
        <translation>Wieder alle Status anzeigen</translation>
    </message>
    <message>
        <source>Find a form: id, e-mail, recipient, cs_… or pi_…  (Ctrl+F)</source>
        <translation>Formular suchen: ID, E-Mail, Empfänger, cs_… oder pi_…  (Strg+F)</translation>
    </message>
    <message>
        <source>Searches form id, customer e-mail, recipient name, Stripe checkout session and payment intent</source>
        <translation>Durchsucht Formular-ID, Kunden-E-Mail, Empfängername, Stripe-Checkout-Sitzung und Payment Intent</translation>
    </message>
    <message>
        <source>Status: %1  ✕</source>
        <translation>Status: %1  ✕</translation>
    </message>
    <message>
        <source>Pac&amp;kage:</source>
        <translation>Pa&amp;ket:</translation>
    </message>
    <message>
        <source>Needs attention:</source>
        <translation>Handlungsbedarf:</translation>
    </message>
    <message>
        <source>All forms</source>
        <translation>Alle Formulare</translation>
    </message>
    <message>
        <source>Show only the forms of one queue or with one flag</source>
        <translation>Nur die Formulare einer Warteschlange oder mit einem Kennzeichen anzeigen</translation>
    </message>
    <message>
        <source>Enter</source>
        <translation>Eingabetaste</translation>
    </message>
    <message>
        <source>In the search box: open the match (the first, when several)</source>
        <translation>Im Suchfeld: den Treffer öffnen (bei mehreren den ersten)</translation>
    </message>
    <message>
        <source>Down</source>
        <translation>Ab</translation>
    </message>
    <message>
        <source>In the search box: go on into the list</source>
        <translation>Im Suchfeld: weiter in die Liste wechseln</translation>
    </message>
</context>
<context>
    <name>compose::FindingDialog</name>
    <message>
        <source>Apply finding %1</source>
        <translation>Befund %1 übernehmen</translation>
    </message>
    <message>
        <source>Dismiss finding %1</source>
        <translation>Befund %1 verwerfen</translation>
    </message>
    <message>
        <source>Applying records this payment exactly as Stripe&apos;s webhook would have: an order, the form paid, its delivery. If the webhook arrives later, nothing is recorded twice.</source>
        <translation>Übernehmen erfasst diese Zahlung genau so, wie es der Webhook von Stripe getan hätte: eine Bestellung, das Formular als bezahlt, seine Zustellung. Kommt der Webhook später doch noch an, wird nichts doppelt erfasst.</translation>
    </message>
    <message>
        <source>Applying takes Stripe&apos;s state of this refund into the books, as Stripe&apos;s refund event would have.</source>
        <translation>Übernehmen trägt den Stand dieser Erstattung bei Stripe in die Buchungen ein, wie es das Erstattungsereignis von Stripe getan hätte.</translation>
    </message>
    <message>
        <source>Dismissing closes the finding without changing any payment. Say why; the note is kept in the audit trail.</source>
        <translation>Verwerfen schließt den Befund, ohne eine Zahlung zu ändern. Geben Sie den Grund an; die Notiz bleibt im Protokoll erhalten.</translation>
    </message>
    <message>
        <source>Why is this finding dismissed? (required)</source>
        <translation>Warum wird dieser Befund verworfen? (Pflichtfeld)</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Erneut versuchen</translation>
    </message>
    <message>
        <source>Sends the very same request again (same Idempotency-Key): it cannot be done twice.</source>
        <translation>Sendet genau dieselbe Anfrage noch einmal (gleicher Idempotency-Key): Sie kann nicht doppelt ausgeführt werden.</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Übernehmen</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Verwerfen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Say why the finding is dismissed.</source>
        <translation>Bitte angeben, warum der Befund verworfen wird.</translation>
    </message>
    <message>
        <source>Another action on this form is still in progress.</source>
        <translation>Eine andere Aktion für dieses Formular läuft noch.</translation>
    </message>
    <message>
        <source>Applied: the books now say what Stripe says.</source>
        <translation>Übernommen: Die Buchungen stimmen jetzt mit Stripe überein.</translation>
    </message>
    <message>
        <source>Dismissed. The note is in the audit trail.</source>
        <translation>Verworfen. Die Notiz steht im Protokoll.</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
</context>
<context>
    <name>compose::FindingsPanel</name>
    <message>
        <source>Stripe says checkout session %1 was paid (%2), but no payment is recorded: Stripe&apos;s webhook never arrived.</source>
        <translation>Laut Stripe wurde die Checkout-Sitzung %1 bezahlt (%2), aber es ist keine Zahlung erfasst: Der Webhook von Stripe ist nie angekommen.</translation>
    </message>
    <message>
        <source>Stripe has refund %1 (%2, %3) that the database does not know.</source>
        <translation>Stripe hat die Erstattung %1 (%2, %3), die die Datenbank nicht kennt.</translation>
    </message>
    <message>
        <source>Stripe says refund %1 is %2 (%3); the database says %4 (%5).</source>
        <translation>Laut Stripe ist die Erstattung %1 %2 (%3); laut Datenbank %4 (%5).</translation>
    </message>
    <message>
        <source>Stripe has a payment of %1 (%2) that names no form we know.</source>
        <translation>Stripe hat eine Zahlung über %1 (%2), die kein uns bekanntes Formular nennt.</translation>
    </message>
    <message>
        <source>Stripe charged %1 for checkout session %2, but the order records %3.</source>
        <translation>Stripe hat für die Checkout-Sitzung %2 %1 berechnet, die Bestellung verzeichnet aber %3.</translation>
    </message>
    <message>
        <source>Reconciliation found &quot;%1&quot; for Stripe object %2.</source>
        <translation>Der Abgleich hat „%1“ für das Stripe-Objekt %2 gefunden.</translation>
    </message>
    <message>
        <source>Found %1 · finding %2</source>
        <translation>Gefunden %1 · Befund %2</translation>
    </message>
    <message>
        <source>Found %1 · payment intent %2 · finding %3</source>
        <translation>Gefunden %1 · Payment Intent %2 · Befund %3</translation>
    </message>
    <message numerus="yes">
        <source>Needs attention: %n finding(s) from reconciliation with Stripe.</source>
        <translation>
            <numerusform>Handlungsbedarf: %n Befund aus dem Abgleich mit Stripe.</numerusform>
            <numerusform>Handlungsbedarf: %n Befunde aus dem Abgleich mit Stripe.</numerusform>
        </translation>
    </message>
    <message>
        <source>Apply…</source>
        <translation>Übernehmen …</translation>
    </message>
    <message>
        <source>Dismiss…</source>
        <translation>Verwerfen …</translation>
    </message>
    <message>
        <source>The API is not available.</source>
        <translation>Die API ist nicht verfügbar.</translation>
    </message>
    <message>
        <source>Record what Stripe says, as its webhook would have.</source>
        <translation>Erfassen, was Stripe meldet, wie es der Webhook getan hätte.</translation>
    </message>
    <message>
        <source>Close the finding with a note saying why.</source>
        <translation>Den Befund mit einer Notiz zur Begründung schließen.</translation>
    </message>
</context>
<context>
    <name>compose::FormClipboard</name>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>Copy form &amp;id</source>
        <translation>Formular-&amp;ID kopieren</translation>
    </message>
    <message>
        <source>Copy customer &amp;e-mail</source>
        <translation>Kunden-&amp;E-Mail kopieren</translation>
    </message>
    <message>
        <source>Copy &amp;share link</source>
        <translation>&amp;Freigabelink kopieren</translation>
    </message>
    <message>
        <source>Copy &amp;payment intent</source>
        <translation>&amp;Payment Intent kopieren</translation>
    </message>
    <message>
        <source>Open in S&amp;tripe</source>
        <translation>In S&amp;tripe öffnen</translation>
    </message>
    <message>
        <source>form id</source>
        <translation>Formular-ID</translation>
    </message>
    <message>
        <source>e-mail</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>payment intent</source>
        <translation>Payment Intent</translation>
    </message>
    <message>
        <source>Form %1 has no share link yet: it was not delivered.</source>
        <translation>Formular %1 hat noch keinen Freigabelink: Es wurde nicht zugestellt.</translation>
    </message>
    <message>
        <source>share link</source>
        <translation>Freigabelink</translation>
    </message>
    <message>
        <source>Could not read the share link: %1</source>
        <translation>Der Freigabelink konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Open in S&amp;tripe (live)</source>
        <translation>In S&amp;tripe öffnen (live)</translation>
    </message>
    <message>
        <source>Open in S&amp;tripe (test mode)</source>
        <translation>In S&amp;tripe öffnen (Testmodus)</translation>
    </message>
    <message>
        <source>Nothing to copy: the form has no %1.</source>
        <translation>Nichts zu kopieren: Das Formular hat keinen Wert für „%1“.</translation>
    </message>
    <message>
        <source>Copied the %1: %2</source>
        <translation>%1 kopiert: %2</translation>
    </message>
    <message>
        <source>This form has no Stripe payment to open.</source>
        <translation>Dieses Formular hat keine Stripe-Zahlung, die geöffnet werden könnte.</translation>
    </message>
    <message>
        <source>Opened %1 in Stripe.</source>
        <translation>%1 in Stripe geöffnet.</translation>
    </message>
    <message>
        <source>Copied: %1</source>
        <translation>Kopiert: %1</translation>
    </message>
</context>
<context>
    <name>compose::FormDetailModel</name>
    <message>
        <source>Form %1 does not exist (any more).</source>
        <translation>Formular %1 existiert nicht (mehr).</translation>
    </message>
</context>
<context>
    <name>compose::FormDetailView</name>
    <message>
        <source>Requested by customer</source>
        <translation>Auf Wunsch des Kunden</translation>
    </message>
    <message>
        <source>Duplicate payment</source>
        <translation>Doppelte Zahlung</translation>
    </message>
    <message>
        <source>Fraudulent</source>
        <translation>Betrügerisch</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Sonstiges</translation>
    </message>
    <message>
        <source>succeeded</source>
        <translation>erfolgreich</translation>
    </message>
    <message>
        <source>pending at Stripe</source>
        <translation>bei Stripe ausstehend</translation>
    </message>
    <message>
        <source>needs action at Stripe</source>
        <translation>erfordert Aktion bei Stripe</translation>
    </message>
    <message>
        <source>failed (nothing refunded)</source>
        <translation>fehlgeschlagen (nichts erstattet)</translation>
    </message>
    <message>
        <source>canceled (nothing refunded)</source>
        <translation>storniert (nichts erstattet)</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Erneut versuchen</translation>
    </message>
    <message>
        <source>Refreshing…</source>
        <translation>Wird aktualisiert …</translation>
    </message>
    <message>
        <source>Raw form_data JSON</source>
        <translation>Rohes form_data-JSON</translation>
    </message>
    <message>
        <source>Refunds</source>
        <translation>Erstattungen</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Betrag</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Notiz</translation>
    </message>
    <message>
        <source>By</source>
        <translation>Von</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Wann</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Refund id</source>
        <translation>Erstattungs-ID</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>Bestellungen</translation>
    </message>
    <message>
        <source>No order rows for this form.</source>
        <translation>Keine Bestellzeilen für dieses Formular.</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Bestellung</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Checkout session</source>
        <translation>Checkout-Sitzung</translation>
    </message>
    <message>
        <source>Package</source>
        <translation>Paket</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <source>This database has no status history table (compose_form_events): only the current status is known. Apply the dashboard&apos;s migrations to record history.</source>
        <translation>Diese Datenbank hat keine Statusverlaufstabelle (compose_form_events): Nur der aktuelle Status ist bekannt. Wenden Sie die Migrationen des Dashboards an, um den Verlauf zu erfassen.</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Von</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Nach</translation>
    </message>
    <message>
        <source>no expiry set</source>
        <translation>kein Ablauf festgelegt</translation>
    </message>
    <message>
        <source>Select a form in the list to see it here.</source>
        <translation>Ein Formular in der Liste auswählen, um es hier zu sehen.</translation>
    </message>
    <message>
        <source>Loading form %1…</source>
        <translation>Formular %1 wird geladen …</translation>
    </message>
    <message>
        <source>Form %1 was not found. It may have been deleted.</source>
        <translation>Formular %1 wurde nicht gefunden. Es wurde vielleicht gelöscht.</translation>
    </message>
    <message>
        <source>⚠ Could not refresh: %1</source>
        <translation>⚠ Aktualisierung nicht möglich: %1</translation>
    </message>
    <message>
        <source>Could not load form %1:
%2</source>
        <translation>Formular %1 konnte nicht geladen werden:
%2</translation>
    </message>
    <message>
        <source>unknown status: %1</source>
        <translation>unbekannter Status: %1</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>(leer)</translation>
    </message>
    <message>
        <source>For %1 · from %2</source>
        <translation>Für %1 · von %2</translation>
    </message>
    <message>
        <source>Guest: %1</source>
        <translation>Gast: %1</translation>
    </message>
    <message>
        <source>Customer: %1 (user %2)</source>
        <translation>Kunde: %1 (Benutzer %2)</translation>
    </message>
    <message>
        <source>Created %1 · updated %2 ·</source>
        <translation>Erstellt %1 · aktualisiert %2 ·</translation>
    </message>
    <message>
        <source>%1, does not expire</source>
        <translation>%1, läuft nicht ab</translation>
    </message>
    <message>
        <source>paid</source>
        <translation>bezahlt</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Song %1</source>
        <translation>Song %1</translation>
    </message>
    <message>
        <source>No prompts were generated.</source>
        <translation>Es wurden keine Prompts erzeugt.</translation>
    </message>
    <message numerus="yes">
        <source>%n variation(s)</source>
        <translation>
            <numerusform>%n Variante</numerusform>
            <numerusform>%n Varianten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n disagree(s) with music_generations (highlighted)</source>
        <translation>
            <numerusform>%n weicht von music_generations ab (hervorgehoben)</numerusform>
            <numerusform>%n weichen von music_generations ab (hervorgehoben)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failed</source>
        <translation>
            <numerusform>%n fehlgeschlagen</numerusform>
            <numerusform>%n fehlgeschlagen</numerusform>
        </translation>
    </message>
    <message>
        <source>Form data problem: %1</source>
        <translation>Problem mit den Formulardaten: %1</translation>
    </message>
    <message>
        <source>No fields could be read.</source>
        <translation>Es konnten keine Felder gelesen werden.</translation>
    </message>
    <message>
        <source>Payment intent</source>
        <translation>Payment Intent</translation>
    </message>
    <message>
        <source>Amount paid</source>
        <translation>Bezahlter Betrag</translation>
    </message>
    <message>
        <source>not paid</source>
        <translation>nicht bezahlt</translation>
    </message>
    <message>
        <source>Paid at</source>
        <translation>Bezahlt am</translation>
    </message>
    <message>
        <source>Payment</source>
        <translation>Zahlung</translation>
    </message>
    <message>
        <source>This database has no refund table (compose_refunds): refunds are not known here. Apply the dashboard&apos;s migrations to record them.</source>
        <translation>Diese Datenbank hat keine Erstattungstabelle (compose_refunds): Erstattungen sind hier nicht bekannt. Wenden Sie die Migrationen des Dashboards an, um sie zu erfassen.</translation>
    </message>
    <message>
        <source>No refunds.</source>
        <translation>Keine Erstattungen.</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>The form names user %1, but there is no such row in the &quot;user&quot; table.</source>
        <translation>Das Formular nennt Benutzer %1, aber in der Tabelle „user“ gibt es keine solche Zeile.</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Guest (no account)</source>
        <translation>Gast (kein Konto)</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>Registered user</source>
        <translation>Registrierter Benutzer</translation>
    </message>
    <message>
        <source>User id</source>
        <translation>Benutzer-ID</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Credits</source>
        <translation>Guthaben</translation>
    </message>
    <message>
        <source>refunded</source>
        <translation>erstattet</translation>
    </message>
    <message>
        <source>Form</source>
        <translation>Formular</translation>
    </message>
    <message>
        <source>Prompts</source>
        <translation>Prompts</translation>
    </message>
    <message>
        <source>Variations</source>
        <translation>Varianten</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Kunde</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <source>Variations (%1) ⚠</source>
        <translation>Varianten (%1) ⚠</translation>
    </message>
    <message>
        <source>Variations (%1)</source>
        <translation>Varianten (%1)</translation>
    </message>
    <message>
        <source>%1 (duplicate payment)</source>
        <translation>%1 (doppelte Zahlung)</translation>
    </message>
    <message numerus="yes">
        <source>expires in %n minute(s)</source>
        <translation>
            <numerusform>läuft in %n Minute ab</numerusform>
            <numerusform>läuft in %n Minuten ab</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>expired %n minute(s) ago</source>
        <translation>
            <numerusform>vor %n Minute abgelaufen</numerusform>
            <numerusform>vor %n Minuten abgelaufen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>expires in %n hour(s)</source>
        <translation>
            <numerusform>läuft in %n Stunde ab</numerusform>
            <numerusform>läuft in %n Stunden ab</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>expired %n hour(s) ago</source>
        <translation>
            <numerusform>vor %n Stunde abgelaufen</numerusform>
            <numerusform>vor %n Stunden abgelaufen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>expires in %n day(s)</source>
        <translation>
            <numerusform>läuft in %n Tag ab</numerusform>
            <numerusform>läuft in %n Tagen ab</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>expired %n day(s) ago</source>
        <translation>
            <numerusform>vor %n Tag abgelaufen</numerusform>
            <numerusform>vor %n Tagen abgelaufen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 · %n song(s)</source>
        <comment>package · song count</comment>
        <translation>
            <numerusform>%1 · %n Song</numerusform>
            <numerusform>%1 · %n Songs</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>refunded (%1 of %2; %n refund(s) not settled yet)</source>
        <translation>
            <numerusform>erstattet (%1 von %2; %n Erstattung noch nicht abgeschlossen)</numerusform>
            <numerusform>erstattet (%1 von %2; %n Erstattungen noch nicht abgeschlossen)</numerusform>
        </translation>
    </message>
    <message>
        <source>refunded (%1 of %2)</source>
        <translation>erstattet (%1 von %2)</translation>
    </message>
    <message numerus="yes">
        <source>partly refunded (%1 of %2; %n refund(s) not settled yet)</source>
        <translation>
            <numerusform>teilweise erstattet (%1 von %2; %n Erstattung noch nicht abgeschlossen)</numerusform>
            <numerusform>teilweise erstattet (%1 von %2; %n Erstattungen noch nicht abgeschlossen)</numerusform>
        </translation>
    </message>
    <message>
        <source>partly refunded (%1 of %2)</source>
        <translation>teilweise erstattet (%1 von %2)</translation>
    </message>
</context>
<context>
    <name>compose::FormListModel</name>
    <message>
        <source>%1 (unknown)</source>
        <translation>%1 (unbekannt)</translation>
    </message>
    <message>
        <source>— none —</source>
        <translation>— keine —</translation>
    </message>
    <message>
        <source>%1 (guest)</source>
        <translation>%1 (Gast)</translation>
    </message>
    <message>
        <source>Guest checkout</source>
        <translation>Gastbestellung</translation>
    </message>
    <message>
        <source>Account %1</source>
        <translation>Konto %1</translation>
    </message>
    <message>
        <source>Past its expiry</source>
        <translation>Abgelaufen</translation>
    </message>
    <message>
        <source>Expires if unpaid</source>
        <translation>Läuft ab, wenn unbezahlt</translation>
    </message>
    <message>
        <source>This column cannot be sorted: it is not indexed in the shop&apos;s database.</source>
        <translation>Diese Spalte lässt sich nicht sortieren: Sie ist in der Datenbank des Shops nicht indiziert.</translation>
    </message>
    <message>
        <source>Form</source>
        <translation>Formular</translation>
    </message>
    <message>
        <source>Recipient</source>
        <translation>Empfänger</translation>
    </message>
    <message>
        <source>Sender</source>
        <translation>Absender</translation>
    </message>
    <message>
        <source>Package</source>
        <translation>Paket</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>Bezahlt</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>Aktualisiert</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>Läuft ab</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen …</translation>
    </message>
    <message>
        <source>Failed, stuck, refunded, paid twice, preview expiring. Show only one kind with Needs attention in the filter bar.</source>
        <translation>Fehlgeschlagen, hängt, erstattet, doppelt bezahlt, Vorschau läuft ab. Mit „Handlungsbedarf“ in der Filterleiste nur eine Art anzeigen.</translation>
    </message>
    <message>
        <source>Flags</source>
        <translation>Kennzeichen</translation>
    </message>
</context>
<context>
    <name>compose::FormListView</name>
    <message>
        <source>Up / Down</source>
        <translation>Auf / Ab</translation>
    </message>
    <message>
        <source>Move in the form list; the detail follows</source>
        <translation>In der Formularliste bewegen; die Detailansicht folgt</translation>
    </message>
    <message>
        <source>Enter</source>
        <translation>Eingabetaste</translation>
    </message>
    <message>
        <source>From the list, go to the detail pane</source>
        <translation>Von der Liste in die Detailansicht wechseln</translation>
    </message>
</context>
<context>
    <name>compose::FunnelExport</name>
    <message>
        <source>Export funnel as CSV</source>
        <translation>Trichter als CSV exportieren</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <source>Funnel written to %1</source>
        <translation>Trichter nach %1 geschrieben</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>Export fehlgeschlagen</translation>
    </message>
    <message>
        <source>Could not write %1:
%2</source>
        <translation>%1 konnte nicht geschrieben werden:
%2</translation>
    </message>
</context>
<context>
    <name>compose::FunnelModel</name>
    <message>
        <source>(empty)</source>
        <translation>(leer)</translation>
    </message>
    <message>
        <source>Statuses this dashboard does not know:
%1</source>
        <translation>Status, die dieses Dashboard nicht kennt:
%1</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Stufe</translation>
    </message>
    <message>
        <source>In stage now</source>
        <translation>Jetzt in der Stufe</translation>
    </message>
    <message>
        <source>Reached</source>
        <translation>Erreicht</translation>
    </message>
    <message>
        <source>Of created</source>
        <translation>Von erstellten</translation>
    </message>
    <message>
        <source>From previous</source>
        <translation>Von vorheriger</translation>
    </message>
</context>
<context>
    <name>compose::FunnelWidget</name>
    <message>
        <source>Status funnel</source>
        <translation>Status-Trichter</translation>
    </message>
    <message>
        <source>Funnel: arrows, Enter</source>
        <translation>Trichter: Pfeiltasten, Eingabetaste</translation>
    </message>
    <message>
        <source>Choose a stage to list only its forms (again to clear)</source>
        <translation>Eine Stufe wählen, um nur ihre Formulare aufzulisten (erneut zum Aufheben)</translation>
    </message>
    <message>
        <source>Esc (funnel)</source>
        <translation>Esc (Trichter)</translation>
    </message>
    <message>
        <source>Clear the stage filter</source>
        <translation>Stufenfilter aufheben</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Stufe</translation>
    </message>
    <message>
        <source>Reached</source>
        <translation>Erreicht</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>Jetzt</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>Anteil</translation>
    </message>
    <message>
        <source>Conv.</source>
        <translation>Konv.</translation>
    </message>
    <message>
        <source>Could not load the funnel: %1</source>
        <translation>Der Trichter konnte nicht geladen werden: %1</translation>
    </message>
    <message>
        <source>Not current — waiting for the connection</source>
        <translation>Nicht aktuell – warte auf die Verbindung</translation>
    </message>
    <message>
        <source>Updating…</source>
        <translation>Wird aktualisiert …</translation>
    </message>
    <message>
        <source>No forms were created in this range.</source>
        <translation>In diesem Zeitraum wurden keine Formulare erstellt.</translation>
    </message>
    <message>
        <source>reached this stage</source>
        <translation>haben diese Stufe erreicht</translation>
    </message>
    <message>
        <source>in this status now</source>
        <translation>sind jetzt in diesem Status</translation>
    </message>
    <message>
        <source>Left the path</source>
        <translation>Vom Weg abgekommen</translation>
    </message>
    <message>
        <source>%1 reached this stage, %2 are in it now</source>
        <translation>%1 haben diese Stufe erreicht, %2 sind jetzt darin</translation>
    </message>
    <message>
        <source>Share of the first stage: %1</source>
        <translation>Anteil an der ersten Stufe: %1</translation>
    </message>
    <message>
        <source>Conversion from the previous stage: %1</source>
        <translation>Konversion von der vorherigen Stufe: %1</translation>
    </message>
    <message>
        <source>Statuses not known to the dashboard:</source>
        <translation>Status, die das Dashboard nicht kennt:</translation>
    </message>
    <message>
        <source>Click to show all statuses</source>
        <translation>Klicken, um alle Status anzuzeigen</translation>
    </message>
    <message>
        <source>Click to list only these forms</source>
        <translation>Klicken, um nur diese Formulare aufzulisten</translation>
    </message>
    <message numerus="yes">
        <source>%Ln form(s)</source>
        <translation>
            <numerusform>%Ln Formular</numerusform>
            <numerusform>%Ln Formulare</numerusform>
        </translation>
    </message>
    <message>
        <source>%1%</source>
        <comment>a share in percent</comment>
        <translation>%1&#xa0;%</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <comment>form count · share in percent</comment>
        <translation>%1 · %2</translation>
    </message>
</context>
<context>
    <name>compose::KeyHelp</name>
    <message>
        <source>Moving around</source>
        <translation>Navigation</translation>
    </message>
</context>
<context>
    <name>compose::KeyboardNavigation</name>
    <message>
        <source>&amp;Go</source>
        <translation>&amp;Gehe zu</translation>
    </message>
    <message>
        <source>Command &amp;palette…</source>
        <translation>&amp;Befehlspalette …</translation>
    </message>
    <message>
        <source>Command palette: run any action or open any form by typing</source>
        <translation>Befehlspalette: Jede Aktion ausführen oder jedes Formular per Eingabe öffnen</translation>
    </message>
    <message>
        <source>Form &amp;list</source>
        <translation>Formular&amp;liste</translation>
    </message>
    <message>
        <source>Go to the form list</source>
        <translation>Zur Formularliste wechseln</translation>
    </message>
    <message>
        <source>&amp;Customer&apos;s forms…</source>
        <translation>Formulare des &amp;Kunden …</translation>
    </message>
    <message>
        <source>Every form of this form&apos;s customer (account or e-mail), paid, refunded, delivered</source>
        <translation>Alle Formulare des Kunden dieses Formulars (Konto oder E-Mail), bezahlt, erstattet, zugestellt</translation>
    </message>
    <message>
        <source>Detail tab %1</source>
        <translation>Detailreiter %1</translation>
    </message>
    <message>
        <source>Detail tab %1: %2</source>
        <translation>Detailreiter %1: %2</translation>
    </message>
    <message>
        <source>Show the detail&apos;s %1 tab</source>
        <translation>Den Reiter „%1“ der Detailansicht anzeigen</translation>
    </message>
</context>
<context>
    <name>compose::ListHint</name>
    <message numerus="yes">
        <source>%n form(s) matching the search are hidden by the status, package or date filter.</source>
        <translation>
            <numerusform>%n zur Suche passendes Formular wird durch den Status-, Paket- oder Datumsfilter ausgeblendet.</numerusform>
            <numerusform>%n zur Suche passende Formulare werden durch den Status-, Paket- oder Datumsfilter ausgeblendet.</numerusform>
        </translation>
    </message>
    <message>
        <source>No form matches “%1”.</source>
        <translation>Kein Formular passt zu „%1“.</translation>
    </message>
    <message>
        <source>No form matches the status, package and date filter.</source>
        <translation>Kein Formular passt zum Status-, Paket- und Datumsfilter.</translation>
    </message>
    <message>
        <source>There are no forms in this database yet.</source>
        <translation>In dieser Datenbank gibt es noch keine Formulare.</translation>
    </message>
    <message>
        <source>The search looks for a form id, an e-mail, a recipient, a share link, an order id, a Stripe checkout session or payment intent.</source>
        <translation>Die Suche findet Formular-IDs, E-Mail-Adressen, Empfänger, Freigabelinks, Bestell-IDs, Stripe-Checkout-Sitzungen und Payment Intents.</translation>
    </message>
</context>
<context>
    <name>compose::ListTools</name>
    <message>
        <source>E&amp;xport list as CSV…</source>
        <translation>Liste als CSV e&amp;xportieren …</translation>
    </message>
    <message>
        <source>Export the list as CSV (the selected rows when several are selected)</source>
        <translation>Die Liste als CSV exportieren (bei mehreren ausgewählten Zeilen nur diese)</translation>
    </message>
    <message>
        <source>&amp;Save view as…</source>
        <translation>Ansicht &amp;speichern als …</translation>
    </message>
    <message>
        <source>Save the filters, status, sort and search as a named view</source>
        <translation>Filter, Status, Sortierung und Suche als benannte Ansicht speichern</translation>
    </message>
    <message>
        <source>Saved &amp;views</source>
        <translation>Gespeicherte &amp;Ansichten</translation>
    </message>
    <message>
        <source>List &amp;columns</source>
        <translation>&amp;Listenspalten</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n form(s) to %1.</source>
        <translation>
            <numerusform>%n Formular nach %1 exportiert.</numerusform>
            <numerusform>%n Formulare nach %1 exportiert.</numerusform>
        </translation>
    </message>
    <message>
        <source>The export failed: %1</source>
        <translation>Der Export ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Not connected to a database.</source>
        <translation>Mit keiner Datenbank verbunden.</translation>
    </message>
    <message numerus="yes">
        <source>Export %n selected form(s)</source>
        <translation>
            <numerusform>%n ausgewähltes Formular exportieren</numerusform>
            <numerusform>%n ausgewählte Formulare exportieren</numerusform>
        </translation>
    </message>
    <message>
        <source>Export the list</source>
        <translation>Die Liste exportieren</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <source>Save view</source>
        <translation>Ansicht speichern</translation>
    </message>
    <message>
        <source>Name of this view (filters, status, sort and search):</source>
        <translation>Name dieser Ansicht (Filter, Status, Sortierung und Suche):</translation>
    </message>
    <message>
        <source>No saved views yet</source>
        <translation>Noch keine gespeicherten Ansichten</translation>
    </message>
    <message numerus="yes">
        <source>%n forms are selected: export at most %1 selected forms, or select one to export the whole list.</source>
        <translation>
            <numerusform>%n Formular ist ausgewählt: höchstens %1 ausgewählte Formulare exportieren oder eines auswählen, um die ganze Liste zu exportieren.</numerusform>
            <numerusform>%n Formulare sind ausgewählt: höchstens %1 ausgewählte Formulare exportieren oder eines auswählen, um die ganze Liste zu exportieren.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>compose::LyricsPanel</name>
    <message>
        <source>Prompt for song %1</source>
        <translation>Prompt für Song %1</translation>
    </message>
    <message>
        <source>No prompts were generated.</source>
        <translation>Es wurden keine Prompts erzeugt.</translation>
    </message>
    <message>
        <source>Loading titles and lyrics…</source>
        <translation>Titel und Liedtexte werden geladen …</translation>
    </message>
    <message>
        <source>Song %1, variation %2, version %3</source>
        <translation>Song %1, Variante %2, Version %3</translation>
    </message>
    <message>
        <source>✓ %1: the name is there</source>
        <translation>✓ %1: Der Name ist enthalten</translation>
    </message>
    <message>
        <source>⚠ %1: “%2” is not in the title or the lyrics</source>
        <translation>⚠ %1: „%2“ steht weder im Titel noch im Liedtext</translation>
    </message>
    <message>
        <source>MusicGPT returned no titles or lyrics for this form (music_generations has none).</source>
        <translation>MusicGPT hat für dieses Formular keine Titel oder Liedtexte geliefert (music_generations enthält keine).</translation>
    </message>
    <message>
        <source>The form names no recipient, so there is no name to check.</source>
        <translation>Das Formular nennt keinen Empfänger, daher gibt es keinen Namen zu prüfen.</translation>
    </message>
    <message>
        <source>Nothing to check for “%1” yet.</source>
        <translation>Für „%1“ gibt es noch nichts zu prüfen.</translation>
    </message>
    <message>
        <source>“%1” is in every version&apos;s title or lyrics.</source>
        <translation>„%1“ steht im Titel oder Liedtext jeder Version.</translation>
    </message>
    <message numerus="yes">
        <source>⚠ “%1” is missing from %2 of %n version(s).</source>
        <translation>
            <numerusform>⚠ „%1“ fehlt in %2 von %n Version.</numerusform>
            <numerusform>⚠ „%1“ fehlt in %2 von %n Versionen.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>compose::MailboxDialog</name>
    <message>
        <source>Mailbox (demo)</source>
        <translation>Postfach (Demo)</translation>
    </message>
    <message>
        <source>No e-mail has arrived yet. Pay a form through the simulator and its delivery e-mail appears here.</source>
        <translation>Es ist noch keine E-Mail angekommen. Bezahlen Sie ein Formular über den Simulator, dann erscheint seine Zustell-E-Mail hier.</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <source>To: %1
Subject: %2
Received: %3

%4</source>
        <translation>An: %1
Betreff: %2
Empfangen: %3

%4</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 – %2</translation>
    </message>
</context>
<context>
    <name>compose::MainWindow</name>
    <message>
        <source>Compose Desk</source>
        <translation>Compose Desk</translation>
    </message>
    <message>
        <source>Connect…</source>
        <translation>Verbinden …</translation>
    </message>
    <message>
        <source>Could not load the form list: %1</source>
        <translation>Die Formularliste konnte nicht geladen werden: %1</translation>
    </message>
    <message>
        <source>Tab</source>
        <translation>Tab</translation>
    </message>
    <message>
        <source>Move between the filters, the funnel, the list and the detail</source>
        <translation>Zwischen Filtern, Trichter, Liste und Detailansicht wechseln</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Connect…</source>
        <translation>&amp;Verbinden …</translation>
    </message>
    <message>
        <source>Connect to another database</source>
        <translation>Mit einer anderen Datenbank verbinden</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <source>Refresh everything</source>
        <translation>Alles aktualisieren</translation>
    </message>
    <message>
        <source>&amp;Export funnel as CSV…</source>
        <translation>Trichter als CSV &amp;exportieren …</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Find form…</source>
        <translation>Formular &amp;suchen …</translation>
    </message>
    <message>
        <source>Find a form (id, e-mail, recipient, cs_…, pi_…)</source>
        <translation>Ein Formular suchen (ID, E-Mail, Empfänger, cs_…, pi_…)</translation>
    </message>
    <message>
        <source>Status f&amp;unnel</source>
        <translation>Status-&amp;Trichter</translation>
    </message>
    <message>
        <source>Show or hide the funnel</source>
        <translation>Trichter ein- oder ausblenden</translation>
    </message>
    <message>
        <source>Form &amp;detail</source>
        <translation>Formular&amp;details</translation>
    </message>
    <message>
        <source>Show or hide the detail pane</source>
        <translation>Detailansicht ein- oder ausblenden</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts…</source>
        <translation>&amp;Tastenkürzel …</translation>
    </message>
    <message>
        <source>&amp;About Compose Desk</source>
        <translation>Ü&amp;ber Compose Desk</translation>
    </message>
    <message>
        <source>&amp;Audio</source>
        <translation>A&amp;udio</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>About Compose Desk</source>
        <translation>Über Compose Desk</translation>
    </message>
    <message>
        <source>Compose Desk %1
The support dashboard for personalised song gifts: see where every form is in its flow and look into any one of them.</source>
        <translation>Compose Desk %1
Das Support-Dashboard für personalisierte Song-Geschenke: Sehen Sie, wo jedes Formular in seinem Ablauf steht, und schauen Sie sich jedes einzelne genau an.</translation>
    </message>
    <message>
        <source>Lyrics</source>
        <translation>Liedtext</translation>
    </message>
</context>
<context>
    <name>compose::NotesPanel</name>
    <message>
        <source>Internal notes</source>
        <translation>Interne Notizen</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Wann</translation>
    </message>
    <message>
        <source>By</source>
        <translation>Von</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Notiz</translation>
    </message>
    <message>
        <source>Add an internal note (plain text, at most %1 characters; Ctrl+Enter adds it)</source>
        <translation>Eine interne Notiz hinzufügen (reiner Text, höchstens %1 Zeichen; Strg+Eingabetaste fügt sie hinzu)</translation>
    </message>
    <message>
        <source>Add note</source>
        <translation>Notiz hinzufügen</translation>
    </message>
    <message>
        <source>Stores the note through compose-api (audited)  Ctrl+Enter</source>
        <translation>Speichert die Notiz über compose-api (protokolliert)  Strg+Eingabetaste</translation>
    </message>
    <message>
        <source>The note was not saved: %1</source>
        <translation>Die Notiz wurde nicht gespeichert: %1</translation>
    </message>
    <message>
        <source>Ctrl+Enter</source>
        <translation>Strg+Eingabetaste</translation>
    </message>
    <message>
        <source>In a note: add it to the form</source>
        <translation>In einer Notiz: sie zum Formular hinzufügen</translation>
    </message>
    <message>
        <source>Saving the note…</source>
        <translation>Notiz wird gespeichert …</translation>
    </message>
    <message>
        <source>This database has no notes table (compose_notes): apply the migrations to keep notes.</source>
        <translation>Diese Datenbank hat keine Notiztabelle (compose_notes): Wenden Sie die Migrationen an, um Notizen zu speichern.</translation>
    </message>
    <message>
        <source>No notes yet.</source>
        <translation>Noch keine Notizen.</translation>
    </message>
    <message numerus="yes">
        <source>%n note(s), newest first.</source>
        <translation>
            <numerusform>%n Notiz, neueste zuerst.</numerusform>
            <numerusform>%n Notizen, neueste zuerst.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>compose::OutboxIndicator</name>
    <message numerus="yes">
        <source>%n delivery e-mail(s) waiting: nothing is being sent.</source>
        <translation>
            <numerusform>%n Zustell-E-Mail wartet: Es wird nichts gesendet.</numerusform>
            <numerusform>%n Zustell-E-Mails warten: Es wird nichts gesendet.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n delivery e-mail(s) failed; resend them from the form&apos;s Deliveries tab.</source>
        <translation>
            <numerusform>%n Zustell-E-Mail ist fehlgeschlagen; senden Sie sie über den Reiter „Zustellungen“ des Formulars erneut.</numerusform>
            <numerusform>%n Zustell-E-Mails sind fehlgeschlagen; senden Sie sie über den Reiter „Zustellungen“ des Formulars erneut.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>compose::PlayerBar</name>
    <message>
        <source>Play</source>
        <translation>Abspielen</translation>
    </message>
    <message>
        <source>Back 5 seconds</source>
        <translation>5 Sekunden zurück</translation>
    </message>
    <message>
        <source>Forward 5 seconds</source>
        <translation>5 Sekunden vor</translation>
    </message>
    <message>
        <source>Compare: variation %1</source>
        <translation>Vergleichen: Variante %1</translation>
    </message>
    <message>
        <source>Switch to variation %1 at the same position (%1)</source>
        <translation>Zu Variante %1 an derselben Stelle wechseln (%1)</translation>
    </message>
    <message>
        <source>Mute</source>
        <translation>Stumm</translation>
    </message>
    <message>
        <source>Buffering…</source>
        <translation>Puffern …</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>Vergleichen</translation>
    </message>
    <message>
        <source>Volume</source>
        <translation>Lautstärke</translation>
    </message>
    <message>
        <source>silent &gt; 2 s</source>
        <translation>still &gt; 2 s</translation>
    </message>
    <message>
        <source>clipped</source>
        <translation>übersteuert</translation>
    </message>
    <message>
        <source>Nothing playing: choose a variation to listen to it</source>
        <translation>Keine Wiedergabe: Eine Variante auswählen, um sie anzuhören</translation>
    </message>
    <message>
        <source>Analysing the waveform…</source>
        <translation>Wellenform wird analysiert …</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>Buffering %p%</source>
        <translation>Puffern %p %</translation>
    </message>
    <message>
        <source>No audio</source>
        <translation>Kein Audio</translation>
    </message>
    <message>
        <source>No long silence or clipping</source>
        <translation>Keine lange Stille oder Übersteuerung</translation>
    </message>
    <message>
        <source>Waveform unavailable: %1</source>
        <translation>Wellenform nicht verfügbar: %1</translation>
    </message>
    <message>
        <source>Unmute</source>
        <translation>Ton an</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <comment>action (its key)</comment>
        <translation>%1 (%2)</translation>
    </message>
</context>
<context>
    <name>compose::PreviewPlayer</name>
    <message>
        <source>Song %1</source>
        <translation>Song %1</translation>
    </message>
    <message>
        <source>Variation %1</source>
        <translation>Variante %1</translation>
    </message>
    <message>
        <source>The preview stopped arriving: the audio server sent nothing for %1 s. Press play to try again.</source>
        <translation>Die Vorschau kommt nicht mehr an: Der Audioserver hat %1 s lang nichts gesendet. Zum erneuten Versuch auf Abspielen drücken.</translation>
    </message>
    <message>
        <source>The preview did not load within %1 s: the network or the audio server is too slow. Press play to try again.</source>
        <translation>Die Vorschau wurde nicht innerhalb von %1 s geladen: Netzwerk oder Audioserver sind zu langsam. Zum erneuten Versuch auf Abspielen drücken.</translation>
    </message>
    <message>
        <source>The preview link has expired: MusicGPT keeps MP3 files for 90 days and WAV files for 7 days (HTTP %1).</source>
        <translation>Der Vorschau-Link ist abgelaufen: MusicGPT hält MP3-Dateien 90 Tage und WAV-Dateien 7 Tage lang vor (HTTP %1).</translation>
    </message>
    <message>
        <source>The preview was not found on the audio server (HTTP 404).</source>
        <translation>Die Vorschau wurde auf dem Audioserver nicht gefunden (HTTP 404).</translation>
    </message>
    <message>
        <source>The audio server refused access to the preview (HTTP %1).</source>
        <translation>Der Audioserver hat den Zugriff auf die Vorschau verweigert (HTTP %1).</translation>
    </message>
    <message>
        <source>The audio server answered with an error (HTTP %1).</source>
        <translation>Der Audioserver hat mit einem Fehler geantwortet (HTTP %1).</translation>
    </message>
    <message>
        <source>The audio server did not answer in time.</source>
        <translation>Der Audioserver hat nicht rechtzeitig geantwortet.</translation>
    </message>
    <message>
        <source>Could not reach the audio server: %1.</source>
        <translation>Der Audioserver war nicht erreichbar: %1.</translation>
    </message>
    <message>
        <source>The link does not point to an audio file (the server sent %1).</source>
        <translation>Der Link zeigt auf keine Audiodatei (der Server hat %1 gesendet).</translation>
    </message>
    <message>
        <source>The preview cannot be played: its audio format is not supported or the file is damaged.</source>
        <translation>Die Vorschau kann nicht abgespielt werden: Das Audioformat wird nicht unterstützt oder die Datei ist beschädigt.</translation>
    </message>
</context>
<context>
    <name>compose::StaffActions</name>
    <message>
        <source>No API is configured: the dashboard is read-only. Start it with --api-url and a staff token (COMPOSE_API_TOKEN) to act on forms.</source>
        <translation>Es ist keine API eingerichtet: Das Dashboard ist schreibgeschützt. Starten Sie es mit --api-url und einem Mitarbeiter-Token (COMPOSE_API_TOKEN), um Formulare zu bearbeiten.</translation>
    </message>
    <message>
        <source>Read-only: %1</source>
        <translation>Schreibgeschützt: %1</translation>
    </message>
    <message>
        <source>Read-only: no staff token. Enter one with the &quot;Staff token…&quot; button at the top of the window.</source>
        <translation>Schreibgeschützt: kein Mitarbeiter-Token. Geben Sie eines über die Schaltfläche „Mitarbeiter-Token …“ oben im Fenster ein.</translation>
    </message>
    <message>
        <source>Checking the API at %1…</source>
        <translation>API unter %1 wird geprüft …</translation>
    </message>
    <message>
        <source>The API is not available.</source>
        <translation>Die API ist nicht verfügbar.</translation>
    </message>
    <message>
        <source>Refunds need the admin role; you are signed in as %1 (%2).</source>
        <translation>Erstattungen erfordern die Admin-Rolle; Sie sind als %1 (%2) angemeldet.</translation>
    </message>
    <message>
        <source>An action on this form is in progress.</source>
        <translation>Für dieses Formular läuft gerade eine Aktion.</translation>
    </message>
    <message>
        <source>No variation of this form has failed (a failed one that was retried counts by its new attempt): there is nothing to retry.</source>
        <translation>Keine Variante dieses Formulars ist fehlgeschlagen (eine wiederholte zählt mit ihrem neuen Versuch): Es gibt nichts zu wiederholen.</translation>
    </message>
    <message>
        <source>The form has no recorded payment amount to refund.</source>
        <translation>Für das Formular ist kein Zahlungsbetrag erfasst, der erstattet werden könnte.</translation>
    </message>
    <message>
        <source>The form has no Stripe payment intent to refund.</source>
        <translation>Das Formular hat keinen Stripe-Payment-Intent, der erstattet werden könnte.</translation>
    </message>
    <message>
        <source>Apply finding %1 (%2)</source>
        <translation>Befund %1 übernehmen (%2)</translation>
    </message>
    <message>
        <source>Dismiss finding %1 (%2)</source>
        <translation>Befund %1 verwerfen (%2)</translation>
    </message>
    <message>
        <source>Refund the duplicate payment %1 (order %2) of form %3</source>
        <translation>Die doppelte Zahlung %1 (Bestellung %2) von Formular %3 erstatten</translation>
    </message>
    <message>
        <source>This finding was already resolved.</source>
        <translation>Dieser Befund wurde bereits erledigt.</translation>
    </message>
    <message>
        <source>There is nothing to apply for this kind of finding: deal with it at Stripe, then dismiss it with a note.</source>
        <translation>Für diese Art von Befund gibt es nichts zu übernehmen: Klären Sie ihn bei Stripe und verwerfen Sie ihn dann mit einer Notiz.</translation>
    </message>
</context>
<context>
    <name>compose::StaffActionsPresenter</name>
    <message>
        <source>Check again</source>
        <translation>Erneut prüfen</translation>
    </message>
    <message>
        <source>Staff token…</source>
        <translation>Mitarbeiter-Token …</translation>
    </message>
    <message>
        <source>Signed in as %1 (%2)</source>
        <translation>Angemeldet als %1 (%2)</translation>
    </message>
    <message>
        <source>Read-only</source>
        <translation>Schreibgeschützt</translation>
    </message>
    <message>
        <source>Play song %1, variation %2</source>
        <translation>Song %1, Variante %2 abspielen</translation>
    </message>
    <message>
        <source>Retry song %1, variation %2…</source>
        <translation>Song %1, Variante %2 wiederholen …</translation>
    </message>
    <message>
        <source>Song %1, variation %2 did not fail: there is nothing to retry.</source>
        <translation>Song %1, Variante %2 ist nicht fehlgeschlagen: Es gibt nichts zu wiederholen.</translation>
    </message>
    <message>
        <source>Audit</source>
        <translation>Protokoll</translation>
    </message>
    <message>
        <source>A&amp;ctions</source>
        <translation>Ak&amp;tionen</translation>
    </message>
    <message>
        <source>Add &amp;note…</source>
        <translation>&amp;Notiz hinzufügen …</translation>
    </message>
    <message>
        <source>Write an internal note on the form (History tab; Ctrl+Enter adds it)</source>
        <translation>Eine interne Notiz zum Formular schreiben (Reiter „Verlauf“; Strg+Eingabetaste fügt sie hinzu)</translation>
    </message>
    <message>
        <source>Done: %1.</source>
        <translation>Erledigt: %1.</translation>
    </message>
    <message>
        <source>Not done: %1. %2</source>
        <translation>Nicht erledigt: %1. %2</translation>
    </message>
    <message>
        <source>Refund this duplicate payment…</source>
        <translation>Diese doppelte Zahlung erstatten …</translation>
    </message>
    <message>
        <source>Order %1 is the form&apos;s own payment: use Refund.</source>
        <translation>Bestellung %1 ist die eigene Zahlung des Formulars: Verwenden Sie „Erstatten“.</translation>
    </message>
    <message>
        <source>Order %1 is already refunded.</source>
        <translation>Bestellung %1 ist bereits erstattet.</translation>
    </message>
    <message>
        <source>Refund duplicate payment</source>
        <translation>Doppelte Zahlung erstatten</translation>
    </message>
    <message>
        <source>Refund %1 of order %2 (a second payment of form %3) to the customer? The form&apos;s own payment stays as it is.</source>
        <translation>%1 von Bestellung %2 (eine zweite Zahlung von Formular %3) an den Kunden erstatten? Die eigene Zahlung des Formulars bleibt unverändert.</translation>
    </message>
    <message>
        <source>Select an order.</source>
        <translation>Wählen Sie eine Bestellung aus.</translation>
    </message>
</context>
<context>
    <name>compose::TokenStore</name>
    <message>
        <source>The system keychain is not available (%1); the token is kept for this session only.</source>
        <translation>Der Schlüsselbund des Systems ist nicht verfügbar (%1); das Token gilt nur für diese Sitzung.</translation>
    </message>
    <message>
        <source>The token could not be stored in the system keychain (%1); it is kept for this session only.</source>
        <translation>Das Token konnte nicht im Schlüsselbund des Systems gespeichert werden (%1); es gilt nur für diese Sitzung.</translation>
    </message>
</context>
<context>
    <name>compose::VariationTableModel</name>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <source>— none —</source>
        <translation>— keine —</translation>
    </message>
    <message>
        <source>not started</source>
        <translation>nicht gestartet</translation>
    </message>
    <message>
        <source>no generation row</source>
        <translation>keine Generierungszeile</translation>
    </message>
    <message>
        <source>— missing —</source>
        <translation>— fehlt —</translation>
    </message>
    <message>
        <source>⚠ %1</source>
        <comment>length of the preview as played; the tooltip says what the database records</comment>
        <translation>⚠ %1</translation>
    </message>
    <message>
        <source>⚠ %1</source>
        <translation>⚠ %1</translation>
    </message>
    <message>
        <source>⚠ invalid URL: %1</source>
        <translation>⚠ ungültige URL: %1</translation>
    </message>
    <message>
        <source>selected</source>
        <translation>ausgewählt</translation>
    </message>
    <message>
        <source>The preview plays for %1, but its generation record (music_generations) says %2.</source>
        <translation>Die Vorschau dauert %1, laut Generierungsdatensatz (music_generations) aber %2.</translation>
    </message>
    <message>
        <source>Length of the preview as played: %1.</source>
        <translation>Länge der Vorschau beim Abspielen: %1.</translation>
    </message>
    <message>
        <source>Song</source>
        <translation>Song</translation>
    </message>
    <message>
        <source>Var.</source>
        <translation>Var.</translation>
    </message>
    <message>
        <source>Task id</source>
        <translation>Task-ID</translation>
    </message>
    <message>
        <source>Generation</source>
        <translation>Generierung</translation>
    </message>
    <message>
        <source>Length</source>
        <translation>Länge</translation>
    </message>
    <message>
        <source>Audio</source>
        <translation>Audio</translation>
    </message>
    <message>
        <source>Selected</source>
        <translation>Ausgewählt</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>Bezahlt</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>Freigabe</translation>
    </message>
    <message>
        <source>Disagreements</source>
        <translation>Abweichungen</translation>
    </message>
    <message>
        <source>Stop song %1, variation %2</source>
        <translation>Song %1, Variante %2 stoppen</translation>
    </message>
    <message>
        <source>Play song %1, variation %2</source>
        <translation>Song %1, Variante %2 abspielen</translation>
    </message>
</context>
<context>
    <name>compose::WaveformAnalyzer</name>
    <message>
        <source>The waveform could not be computed: the audio did not finish loading in time.</source>
        <translation>Die Wellenform konnte nicht berechnet werden: Das Audio wurde nicht rechtzeitig fertig geladen.</translation>
    </message>
    <message>
        <source>The waveform could not be computed: %1</source>
        <translation>Die Wellenform konnte nicht berechnet werden: %1</translation>
    </message>
    <message>
        <source>the audio could not be decoded.</source>
        <translation>das Audio konnte nicht dekodiert werden.</translation>
    </message>
    <message>
        <source>The waveform could not be computed: the file holds no audio.</source>
        <translation>Die Wellenform konnte nicht berechnet werden: Die Datei enthält kein Audio.</translation>
    </message>
</context>
<context>
    <name>compose::WaveformWidget</name>
    <message>
        <source>silent</source>
        <translation>still</translation>
    </message>
    <message>
        <source>Waveform</source>
        <translation>Wellenform</translation>
    </message>
</context>
<context>
    <name>compose::Zoom</name>
    <message>
        <source>Zoom &amp;in</source>
        <translation>Ver&amp;größern</translation>
    </message>
    <message>
        <source>Zoom &amp;out</source>
        <translation>Ver&amp;kleinern</translation>
    </message>
    <message>
        <source>&amp;Normal size</source>
        <translation>&amp;Normale Größe</translation>
    </message>
</context>
</TS>

<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es">
<context>
    <name>Attention</name>
    <message>
        <source>Paid, not delivered</source>
        <translation>Pagado, no entregado</translation>
    </message>
    <message>
        <source>Failed generation</source>
        <translation>Generación fallida</translation>
    </message>
    <message>
        <source>Generating too long</source>
        <translation>Generación demasiado larga</translation>
    </message>
    <message>
        <source>Paid, no webhook</source>
        <translation>Pagado, sin webhook</translation>
    </message>
    <message>
        <source>Duplicate payment</source>
        <translation>Pago duplicado</translation>
    </message>
    <message>
        <source>Refund pending or failed</source>
        <translation>Reembolso pendiente o fallido</translation>
    </message>
    <message>
        <source>Preview expiring</source>
        <translation>Vista previa a punto de caducar</translation>
    </message>
    <message>
        <source>Form and generations disagree</source>
        <translation>El formulario y las generaciones no coinciden</translation>
    </message>
    <message>
        <source>Paid without an order</source>
        <translation>Pagado sin pedido</translation>
    </message>
    <message>
        <source>Unknown status</source>
        <translation>Estado desconocido</translation>
    </message>
    <message numerus="yes">
        <source>Paid more than %n minute(s) ago and not delivered yet.</source>
        <translation>
            <numerusform>Pagado hace más de %n minuto y aún no entregado.</numerusform>
            <numerusform>Pagado hace más de %n minutos y aún no entregado.</numerusform>
        </translation>
    </message>
    <message>
        <source>A variation failed and no retry of it has started or completed.</source>
        <translation>Una variación falló y no se ha iniciado ni completado ningún reintento de ella.</translation>
    </message>
    <message numerus="yes">
        <source>Generating variations for more than %n minute(s).</source>
        <translation>
            <numerusform>Generando variaciones desde hace más de %n minuto.</numerusform>
            <numerusform>Generando variaciones desde hace más de %n minutos.</numerusform>
        </translation>
    </message>
    <message>
        <source>Stripe says the checkout was paid, but no webhook arrived (found by reconciliation).</source>
        <translation>Según Stripe, el pago se completó, pero no llegó ningún webhook (detectado por la conciliación).</translation>
    </message>
    <message>
        <source>The form was paid twice; the second payment is still not refunded.</source>
        <translation>El formulario se pagó dos veces; el segundo pago aún no se ha reembolsado.</translation>
    </message>
    <message>
        <source>A refund is pending at Stripe, or failed and nothing was refunded after it.</source>
        <translation>Hay un reembolso pendiente en Stripe, o uno falló y después no se reembolsó nada.</translation>
    </message>
    <message numerus="yes">
        <source>Not delivered yet, and a preview the customer needs is gone or goes within %n hour(s) (MusicGPT keeps MP3 for %1 days and WAV for %2 days).</source>
        <translation>
            <numerusform>Aún no entregado, y una vista previa que necesita el cliente ya no existe o caduca en menos de %n hora (MusicGPT conserva los MP3 %1 días y los WAV %2 días).</numerusform>
            <numerusform>Aún no entregado, y una vista previa que necesita el cliente ya no existe o caduca en menos de %n horas (MusicGPT conserva los MP3 %1 días y los WAV %2 días).</numerusform>
        </translation>
    </message>
    <message>
        <source>The form&apos;s variation_task_ids and its music_generations rows disagree.</source>
        <translation>Los variation_task_ids del formulario y sus filas de music_generations no coinciden.</translation>
    </message>
    <message>
        <source>Paid or delivered, but no order names the form.</source>
        <translation>Pagado o entregado, pero ningún pedido indica el formulario.</translation>
    </message>
    <message>
        <source>The form&apos;s status is not one the workflow knows.</source>
        <translation>El estado del formulario no es uno que el flujo de trabajo conozca.</translation>
    </message>
    <message>
        <source>Not available: this database has no reconciliation findings (run compose-api --migrate).</source>
        <translation>No disponible: esta base de datos no tiene hallazgos de conciliación (ejecute compose-api --migrate).</translation>
    </message>
    <message>
        <source>Not available: this database lacks compose-api&apos;s tables (run compose-api --migrate).</source>
        <translation>No disponible: a esta base de datos le faltan las tablas de compose-api (ejecute compose-api --migrate).</translation>
    </message>
    <message>
        <source>✖ failed</source>
        <translation>✖ fallido</translation>
    </message>
    <message>
        <source>↩ refunded</source>
        <translation>↩ reembolsado</translation>
    </message>
    <message>
        <source>Refunded, in full or in part.</source>
        <translation>Reembolsado, total o parcialmente.</translation>
    </message>
    <message>
        <source>Or: %1</source>
        <translation>O bien: %1</translation>
    </message>
    <message>
        <source>◷ stuck</source>
        <translation>◷ atascado</translation>
    </message>
    <message>
        <source>⇉ paid twice</source>
        <translation>⇉ pagado dos veces</translation>
    </message>
    <message>
        <source>◔ preview expiring</source>
        <translation>◔ vista previa a punto de caducar</translation>
    </message>
</context>
<context>
    <name>AudioUrl</name>
    <message>
        <source>There is no audio link for this variation.</source>
        <translation>Esta variación no tiene enlace de audio.</translation>
    </message>
    <message>
        <source>The audio link contains spaces or control characters.</source>
        <translation>El enlace de audio contiene espacios o caracteres de control.</translation>
    </message>
    <message>
        <source>The audio link is not a valid web address.</source>
        <translation>El enlace de audio no es una dirección web válida.</translation>
    </message>
    <message>
        <source>Only http and https audio links are played; this link uses &quot;%1:&quot;.</source>
        <translation>Solo se reproducen enlaces de audio http y https; este enlace usa «%1:».</translation>
    </message>
    <message>
        <source>The audio link has no server name.</source>
        <translation>El enlace de audio no tiene nombre de servidor.</translation>
    </message>
    <message>
        <source>The audio link is longer than %1 characters.</source>
        <translation>El enlace de audio tiene más de %1 caracteres.</translation>
    </message>
    <message>
        <source>The audio link points at this computer (%1); it is not played.</source>
        <translation>El enlace de audio apunta a este equipo (%1); no se reproduce.</translation>
    </message>
    <message>
        <source>The audio link points into a private or link-local network (%1); it is not played unless the setting audio/allowPrivateHosts allows it.</source>
        <translation>El enlace de audio apunta a una red privada o de enlace local (%1); no se reproduce salvo que el ajuste audio/allowPrivateHosts lo permita.</translation>
    </message>
    <message>
        <source>The audio link points at a reserved address (%1); it is not played.</source>
        <translation>El enlace de audio apunta a una dirección reservada (%1); no se reproduce.</translation>
    </message>
</context>
<context>
    <name>CommandLine</name>
    <message>
        <source>Compose Desk: the support dashboard of the personalised-song shop.
Without --database-url it uses libpq&apos;s PG* variables when PGHOST or PGDATABASE is set, else the last connection, else asks.</source>
        <translation>Compose Desk: el panel de soporte de la tienda de canciones personalizadas.
Sin --database-url usa las variables PG* de libpq si PGHOST o PGDATABASE están definidas; si no, la última conexión; si no, pregunta.</translation>
    </message>
    <message>
        <source>postgresql://user@host:port/db?sslmode=require or sqlite:///path/file.db</source>
        <translation>postgresql://usuario@host:puerto/bd?sslmode=require o sqlite:///ruta/archivo.db</translation>
    </message>
    <message>
        <source>url</source>
        <translation>url</translation>
    </message>
    <message>
        <source>Open the embedded demo database (created with generated data on first use).</source>
        <translation>Abrir la base de datos de demostración integrada (se crea con datos generados la primera vez).</translation>
    </message>
    <message>
        <source>Apply pending schema migrations to the database, print them and exit.</source>
        <translation>Aplicar las migraciones de esquema pendientes a la base de datos, listarlas y salir.</translation>
    </message>
    <message>
        <source>Print the status funnel or a list of forms and exit.</source>
        <translation>Mostrar el embudo de estados o una lista de formularios y salir.</translation>
    </message>
    <message>
        <source>Export only forms in this status.</source>
        <translation>Exportar solo los formularios en este estado.</translation>
    </message>
    <message>
        <source>status</source>
        <translation>estado</translation>
    </message>
    <message>
        <source>Export format (default csv).</source>
        <translation>Formato de exportación (por defecto csv).</translation>
    </message>
    <message>
        <source>Export forms created on or after this UTC day.</source>
        <translation>Exportar los formularios creados en este día (UTC) o después.</translation>
    </message>
    <message>
        <source>Export forms created on or before this UTC day.</source>
        <translation>Exportar los formularios creados en este día (UTC) o antes.</translation>
    </message>
    <message>
        <source>Export only this package (solo-serenade, holiday-hamper).</source>
        <translation>Exportar solo este paquete (solo-serenade, holiday-hamper).</translation>
    </message>
    <message>
        <source>package</source>
        <translation>paquete</translation>
    </message>
    <message>
        <source>Write the export to this file (replaced only when complete).</source>
        <translation>Escribir la exportación en este archivo (solo se reemplaza cuando está completa).</translation>
    </message>
    <message>
        <source>file</source>
        <translation>archivo</translation>
    </message>
    <message>
        <source>Base URL of compose-api.</source>
        <translation>URL base de compose-api.</translation>
    </message>
    <message>
        <source>Print diagnostic messages to stderr.</source>
        <translation>Mostrar mensajes de diagnóstico en stderr.</translation>
    </message>
    <message>
        <source>Open the dashboard on this form (id, e-mail, cs_… or pi_…).</source>
        <translation>Abrir el panel en este formulario (id, correo, cs_… o pi_…).</translation>
    </message>
    <message>
        <source>id</source>
        <translation>id</translation>
    </message>
    <message>
        <source>Use this language (%1) instead of the system&apos;s.</source>
        <translation>Usar este idioma (%1) en lugar del del sistema.</translation>
    </message>
    <message>
        <source>Use a light or dark palette instead of the system&apos;s.</source>
        <translation>Usar una paleta clara u oscura en lugar de la del sistema.</translation>
    </message>
    <message>
        <source>Unexpected argument &quot;%1&quot;; see --help.</source>
        <translation>Argumento inesperado «%1»; consulte --help.</translation>
    </message>
    <message>
        <source>--lang takes one of %1, not &quot;%2&quot;.</source>
        <translation>--lang admite uno de %1, no «%2».</translation>
    </message>
    <message>
        <source>--palette takes &quot;light&quot; or &quot;dark&quot;, not &quot;%1&quot;.</source>
        <translation>--palette admite «light» o «dark», no «%1».</translation>
    </message>
    <message>
        <source>Use either --demo or --database-url, not both.</source>
        <translation>Use --demo o --database-url, no ambos.</translation>
    </message>
    <message>
        <source>Use either --migrate or --export, not both.</source>
        <translation>Use --migrate o --export, no ambos.</translation>
    </message>
    <message>
        <source>--export takes &quot;funnel&quot; or &quot;forms&quot;, not &quot;%1&quot;.</source>
        <translation>--export admite «funnel» o «forms», no «%1».</translation>
    </message>
    <message>
        <source>--format takes &quot;csv&quot; or &quot;json&quot;, not &quot;%1&quot;.</source>
        <translation>--format admite «csv» o «json», no «%1».</translation>
    </message>
    <message>
        <source>--status applies to --export forms only.</source>
        <translation>--status solo se aplica a --export forms.</translation>
    </message>
    <message>
        <source>--%1 takes a date as YYYY-MM-DD, not &quot;%2&quot;.</source>
        <translation>--%1 admite una fecha como AAAA-MM-DD, no «%2».</translation>
    </message>
    <message>
        <source>--from is after --to.</source>
        <translation>--from es posterior a --to.</translation>
    </message>
    <message>
        <source>--%1 is an option of --export.</source>
        <translation>--%1 es una opción de --export.</translation>
    </message>
    <message>
        <source>--api-url takes an http:// or https:// URL, not &quot;%1&quot;.</source>
        <translation>--api-url admite una URL http:// o https://, no «%1».</translation>
    </message>
    <message>
        <source>Trust only the certificate authority in this PEM file for an https:// --api-url (default: $COMPOSE_API_CA, else the system&apos;s authorities).</source>
        <translation>Confiar solo en la autoridad de certificación de este archivo PEM para una --api-url https:// (por defecto: $COMPOSE_API_CA; si no, las autoridades del sistema).</translation>
    </message>
    <message>
        <source>--api-ca: cannot read %1 (%2).</source>
        <translation>--api-ca: no se puede leer %1 (%2).</translation>
    </message>
    <message>
        <source>--api-ca: %1 holds no PEM certificate.</source>
        <translation>--api-ca: %1 no contiene ningún certificado PEM.</translation>
    </message>
</context>
<context>
    <name>ConnectionSettings</name>
    <message>
        <source>Not a valid database URL: %1</source>
        <translation>No es una URL de base de datos válida: %1</translation>
    </message>
    <message>
        <source>An sqlite:// URL needs a file path, e.g. sqlite:///home/me/compose.db</source>
        <translation>Una URL sqlite:// necesita una ruta de archivo, p. ej. sqlite:///home/yo/compose.db</translation>
    </message>
    <message>
        <source>Unsupported database URL scheme &quot;%1&quot;: use postgresql:// or sqlite://</source>
        <translation>Esquema de URL de base de datos no admitido «%1»: use postgresql:// o sqlite://</translation>
    </message>
    <message>
        <source>Unknown connection option &quot;%1&quot; in the database URL</source>
        <translation>Opción de conexión desconocida «%1» en la URL de la base de datos</translation>
    </message>
    <message>
        <source>local socket</source>
        <translation>socket local</translation>
    </message>
    <message>
        <source>(default)</source>
        <translation>(predeterminada)</translation>
    </message>
</context>
<context>
    <name>Database</name>
    <message>
        <source>The Qt SQL driver %1 is not installed (Debian package %2).</source>
        <translation>El controlador SQL de Qt %1 no está instalado (paquete de Debian %2).</translation>
    </message>
    <message>
        <source>The database refused the user name or password. (%1)</source>
        <translation>La base de datos rechazó el usuario o la contraseña. (%1)</translation>
    </message>
    <message>
        <source>The database server cannot be reached. (%1)</source>
        <translation>No se puede acceder al servidor de base de datos. (%1)</translation>
    </message>
    <message>
        <source>That database does not exist on the server. (%1)</source>
        <translation>Esa base de datos no existe en el servidor. (%1)</translation>
    </message>
    <message>
        <source>The database reported an error without a message.</source>
        <translation>La base de datos informó de un error sin mensaje.</translation>
    </message>
</context>
<context>
    <name>DemoDatabase</name>
    <message>
        <source>Cannot create the folder %1 for the demo database.</source>
        <translation>No se puede crear la carpeta %1 para la base de datos de demostración.</translation>
    </message>
</context>
<context>
    <name>FormExporter</name>
    <message>
        <source>Cannot write the export: %1</source>
        <translation>No se puede escribir la exportación: %1</translation>
    </message>
</context>
<context>
    <name>FormJson</name>
    <message>
        <source> (%1 characters in all)</source>
        <translation> (%1 caracteres en total)</translation>
    </message>
    <message>
        <source>number %1</source>
        <translation>número %1</translation>
    </message>
    <message>
        <source>text</source>
        <translation>texto</translation>
    </message>
    <message>
        <source>a list</source>
        <translation>una lista</translation>
    </message>
    <message>
        <source>an object</source>
        <translation>un objeto</translation>
    </message>
    <message>
        <source>nothing</source>
        <translation>nada</translation>
    </message>
    <message>
        <source>Recipient</source>
        <translation>Destinatario</translation>
    </message>
    <message>
        <source>Relationship</source>
        <translation>Relación</translation>
    </message>
    <message>
        <source>Sender</source>
        <translation>Remitente</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>Tema</translation>
    </message>
    <message>
        <source>Vibe</source>
        <translation>Ambiente</translation>
    </message>
    <message>
        <source>Voice</source>
        <translation>Voz</translation>
    </message>
    <message>
        <source>Special moment</source>
        <translation>Momento especial</translation>
    </message>
    <message>
        <source>%1 is not valid JSON</source>
        <translation>%1 no es JSON válido</translation>
    </message>
    <message>
        <source>— missing —</source>
        <translation>— falta —</translation>
    </message>
    <message>
        <source>⚠ invalid (%1)</source>
        <translation>⚠ no válido (%1)</translation>
    </message>
    <message>
        <source>not JSON</source>
        <translation>no es JSON</translation>
    </message>
    <message>
        <source>The form data</source>
        <translation>Los datos del formulario</translation>
    </message>
    <message>
        <source>The form data is missing</source>
        <translation>Faltan los datos del formulario</translation>
    </message>
    <message>
        <source>The form data is %1, not an object</source>
        <translation>Los datos del formulario son %1, no un objeto</translation>
    </message>
    <message>
        <source>The prompts</source>
        <translation>Los prompts</translation>
    </message>
    <message>
        <source>The prompts are a single text, not a list</source>
        <translation>Los prompts son un único texto, no una lista</translation>
    </message>
    <message>
        <source>No prompts stored</source>
        <translation>No hay prompts guardados</translation>
    </message>
    <message>
        <source>The prompts are %1, not a list</source>
        <translation>Los prompts son %1, no una lista</translation>
    </message>
    <message>
        <source>variation_task_ids</source>
        <translation>variation_task_ids</translation>
    </message>
    <message>
        <source>variation_task_ids has an unexpected shape</source>
        <translation>variation_task_ids tiene una forma inesperada</translation>
    </message>
    <message>
        <source>variation_audio_urls</source>
        <translation>variation_audio_urls</translation>
    </message>
    <message>
        <source>variation_audio_urls has an unexpected shape</source>
        <translation>variation_audio_urls tiene una forma inesperada</translation>
    </message>
    <message>
        <source>selected_variations</source>
        <translation>selected_variations</translation>
    </message>
    <message>
        <source>selected_variations has an unexpected shape</source>
        <translation>selected_variations tiene una forma inesperada</translation>
    </message>
    <message>
        <source>Task ids of song %1 are not a list</source>
        <translation>Los id de tarea de la canción %1 no son una lista</translation>
    </message>
    <message>
        <source>Audio URLs of song %1 are not an object</source>
        <translation>Las URL de audio de la canción %1 no son un objeto</translation>
    </message>
    <message>
        <source>Selection of song %1 is %2, not a number</source>
        <translation>La selección de la canción %1 es %2, no un número</translation>
    </message>
    <message>
        <source>Task id in the form JSON is %1</source>
        <translation>El id de tarea en el JSON del formulario es %1</translation>
    </message>
    <message>
        <source>Audio URL in the form JSON is %1</source>
        <translation>La URL de audio en el JSON del formulario es %1</translation>
    </message>
    <message>
        <source>This generation belongs to the form but fits no song/variation slot</source>
        <translation>Esta generación pertenece al formulario pero no encaja en ningún hueco de canción/variación</translation>
    </message>
    <message numerus="yes">
        <source>%n earlier attempt(s) for this variation</source>
        <translation>
            <numerusform>%n intento anterior para esta variación</numerusform>
            <numerusform>%n intentos anteriores para esta variación</numerusform>
        </translation>
    </message>
    <message>
        <source>Task id differs: form JSON has %1, generation has %2</source>
        <translation>El id de tarea difiere: el JSON del formulario tiene %1, la generación tiene %2</translation>
    </message>
    <message>
        <source>The form lists task %1 but no music_generations row exists</source>
        <translation>El formulario indica la tarea %1, pero no existe ninguna fila en music_generations</translation>
    </message>
    <message>
        <source>Generation exists but the form JSON has no task id for it</source>
        <translation>La generación existe, pero el JSON del formulario no tiene id de tarea para ella</translation>
    </message>
    <message>
        <source>Audio URL differs between the form JSON and the generation</source>
        <translation>La URL de audio difiere entre el JSON del formulario y la generación</translation>
    </message>
    <message>
        <source>Selected in the form, not marked selected in the generation</source>
        <translation>Seleccionada en el formulario, no marcada como seleccionada en la generación</translation>
    </message>
    <message>
        <source>Marked selected in the generation, not in the form</source>
        <translation>Marcada como seleccionada en la generación, no en el formulario</translation>
    </message>
</context>
<context>
    <name>FormRepository</name>
    <message>
        <source>This database has no compose_forms table. Is it the shop&apos;s database? An empty database can be prepared with: compose-dashboard --database-url URL --migrate</source>
        <translation>Esta base de datos no tiene la tabla compose_forms. ¿Es la base de datos de la tienda? Una base de datos vacía se prepara con: compose-dashboard --database-url URL --migrate</translation>
    </message>
    <message>
        <source>form data is not JSON</source>
        <translation>los datos del formulario no son JSON</translation>
    </message>
    <message>
        <source>form data is %1</source>
        <translation>los datos del formulario son %1</translation>
    </message>
</context>
<context>
    <name>HeadlessRunner</name>
    <message>
        <source>No database given: use --database-url URL, set PGHOST/PGDATABASE, or --demo.</source>
        <translation>No se indicó base de datos: use --database-url URL, defina PGHOST/PGDATABASE o use --demo.</translation>
    </message>
    <message>
        <source>%1 is up to date at schema version %2.
</source>
        <translation>%1 está al día con la versión de esquema %2.
</translation>
    </message>
    <message>
        <source>applied %1
</source>
        <translation>aplicada %1
</translation>
    </message>
    <message>
        <source>%1 is now at schema version %2 (was %3).
</source>
        <translation>%1 tiene ahora la versión de esquema %2 (antes %3).
</translation>
    </message>
    <message>
        <source>Cannot write to standard output.</source>
        <translation>No se puede escribir en la salida estándar.</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>No se puede escribir %1: %2</translation>
    </message>
</context>
<context>
    <name>Migrator</name>
    <message>
        <source>Migration %1 is missing from the build.</source>
        <translation>La migración %1 falta en la compilación.</translation>
    </message>
    <message>
        <source>Migration %1 (%2) failed: %3</source>
        <translation>La migración %1 (%2) falló: %3</translation>
    </message>
</context>
<context>
    <name>Package</name>
    <message>
        <source>Solo serenade</source>
        <translation>Serenata individual</translation>
    </message>
    <message>
        <source>Holiday hamper</source>
        <translation>Cesta navideña</translation>
    </message>
    <message>
        <source>— missing —</source>
        <translation>— falta —</translation>
    </message>
</context>
<context>
    <name>Status</name>
    <message>
        <source>Created</source>
        <translation>Creado</translation>
    </message>
    <message>
        <source>Prompts generated</source>
        <translation>Prompts generados</translation>
    </message>
    <message>
        <source>Generating</source>
        <translation>Generando</translation>
    </message>
    <message>
        <source>Variations ready</source>
        <translation>Variaciones listas</translation>
    </message>
    <message>
        <source>Checkout started</source>
        <translation>Pago iniciado</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>Pagado</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Entregado</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>Caducado</translation>
    </message>
    <message>
        <source>Refunded</source>
        <translation>Reembolsado</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Otros</translation>
    </message>
    <message>
        <source>The form has a status this system does not know; it cannot change to &quot;%1&quot;.</source>
        <translation>El formulario tiene un estado que este sistema no conoce; no puede pasar a «%1».</translation>
    </message>
    <message>
        <source>The form is not paid (status &quot;%1&quot;): it cannot be delivered.</source>
        <translation>El formulario no está pagado (estado «%1»): no se puede entregar.</translation>
    </message>
    <message>
        <source>The form was refunded; its status can no longer change.</source>
        <translation>El formulario fue reembolsado; su estado ya no puede cambiar.</translation>
    </message>
    <message>
        <source>A form in status &quot;%1&quot; cannot move to &quot;%2&quot;.</source>
        <translation>Un formulario en estado «%1» no puede pasar a «%2».</translation>
    </message>
    <message>
        <source>Retry generation</source>
        <translation>Reintentar generación</translation>
    </message>
    <message>
        <source>Mark delivered</source>
        <translation>Marcar como entregado</translation>
    </message>
    <message>
        <source>Redeliver link</source>
        <translation>Reenviar enlace</translation>
    </message>
    <message>
        <source>Refund</source>
        <translation>Reembolsar</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>desconocido</translation>
    </message>
    <message>
        <source>Generations can only be retried before checkout (status is &quot;%1&quot;).</source>
        <translation>Las generaciones solo se pueden reintentar antes del pago (el estado es «%1»).</translation>
    </message>
    <message>
        <source>The form is already delivered; use Redeliver to send the link again.</source>
        <translation>El formulario ya está entregado; use «Reenviar enlace» para enviarlo de nuevo.</translation>
    </message>
    <message>
        <source>Only paid forms can be marked delivered (status is &quot;%1&quot;).</source>
        <translation>Solo los formularios pagados se pueden marcar como entregados (el estado es «%1»).</translation>
    </message>
    <message>
        <source>The share link was never delivered: use Mark delivered to send it the first time.</source>
        <translation>El enlace para compartir nunca se entregó: use «Marcar como entregado» para enviarlo por primera vez.</translation>
    </message>
    <message>
        <source>Only delivered forms have a share link to send again (status is &quot;%1&quot;).</source>
        <translation>Solo los formularios entregados tienen un enlace para volver a enviar (el estado es «%1»).</translation>
    </message>
    <message>
        <source>The payment has already been refunded in full.</source>
        <translation>El pago ya se ha reembolsado por completo.</translation>
    </message>
    <message>
        <source>Only paid forms can be refunded (status is &quot;%1&quot;).</source>
        <translation>Solo se pueden reembolsar formularios pagados (el estado es «%1»).</translation>
    </message>
</context>
<context>
    <name>WaveformData</name>
    <message>
        <source>silent %1–%2 s</source>
        <translation>silencio %1–%2 s</translation>
    </message>
    <message>
        <source>clipped %1–%2 s</source>
        <translation>saturado %1–%2 s</translation>
    </message>
    <message>
        <source>Silent throughout</source>
        <translation>Silencio en todo el audio</translation>
    </message>
    <message>
        <source>Silent at the start (%1 s)</source>
        <translation>Silencio al principio (%1 s)</translation>
    </message>
    <message>
        <source>Silent at the end (%1 s)</source>
        <translation>Silencio al final (%1 s)</translation>
    </message>
    <message>
        <source>Silent %1–%2 s</source>
        <translation>Silencio %1–%2 s</translation>
    </message>
    <message numerus="yes">
        <source>%n more silence(s)</source>
        <translation>
            <numerusform>%n silencio más</numerusform>
            <numerusform>%n silencios más</numerusform>
        </translation>
    </message>
    <message>
        <source>Clipped at %1 s</source>
        <translation>Saturado en %1 s</translation>
    </message>
    <message numerus="yes">
        <source>Clipped in %n places (first at %1 s)</source>
        <translation>
            <numerusform>Saturado en %n punto (el primero en %1 s)</numerusform>
            <numerusform>Saturado en %n puntos (el primero en %1 s)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>compose::Accessibility</name>
    <message numerus="yes">
        <source>%Ln form(s)</source>
        <translation>
            <numerusform>%Ln formulario</numerusform>
            <numerusform>%Ln formularios</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 reached, %2 now</source>
        <translation>%1 alcanzados, %2 ahora</translation>
    </message>
    <message>
        <source>Status funnel</source>
        <translation>Embudo de estados</translation>
    </message>
    <message>
        <source>Waveform</source>
        <translation>Forma de onda</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 de %2</translation>
    </message>
    <message>
        <source>No long silence or clipping</source>
        <translation>Sin silencios largos ni saturación</translation>
    </message>
</context>
<context>
    <name>compose::ActionBar</name>
    <message>
        <source>Working: %1…</source>
        <translation>En curso: %1…</translation>
    </message>
    <message>
        <source>Not available.</source>
        <translation>No disponible.</translation>
    </message>
    <message>
        <source>Select a form first.</source>
        <translation>Seleccione primero un formulario.</translation>
    </message>
    <message>
        <source>Form %1 is not selected in the list: select it again to act on it.</source>
        <translation>El formulario %1 no está seleccionado en la lista: selecciónelo de nuevo para actuar sobre él.</translation>
    </message>
    <message>
        <source>%1…
%2</source>
        <translation>%1…
%2</translation>
    </message>
    <message>
        <source>%1 for the selected form</source>
        <translation>%1 para el formulario seleccionado</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1 for this form (%2; asks for confirmation first)</source>
        <translation>%1 para este formulario (%2; pide confirmación antes)</translation>
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
        <translation>(sin nombre de destinatario)</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Reintentar</translation>
    </message>
    <message>
        <source>Sends the very same request again (same Idempotency-Key): it cannot be done twice.</source>
        <translation>Envía exactamente la misma solicitud otra vez (misma Idempotency-Key): no se puede hacer dos veces.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>All %1 failed variations</source>
        <translation>Las %1 variaciones fallidas</translation>
    </message>
    <message>
        <source>Song %1, variation %2 (%3)</source>
        <translation>Canción %1, variación %2 (%3)</translation>
    </message>
    <message>
        <source>Regenerate:</source>
        <translation>Regenerar:</translation>
    </message>
    <message>
        <source>Optional note for the audit trail</source>
        <translation>Nota opcional para el registro de auditoría</translation>
    </message>
    <message>
        <source>Note:</source>
        <translation>Nota:</translation>
    </message>
    <message>
        <source>Send to:</source>
        <translation>Enviar a:</translation>
    </message>
    <message>
        <source>Leave empty to send to the address on the form (%1).</source>
        <translation>Déjelo vacío para enviar a la dirección del formulario (%1).</translation>
    </message>
    <message>
        <source>Paid:</source>
        <translation>Pagado:</translation>
    </message>
    <message>
        <source>Full refund of what remains</source>
        <translation>Reembolso completo de lo que queda</translation>
    </message>
    <message>
        <source>Partial refund:</source>
        <translation>Reembolso parcial:</translation>
    </message>
    <message>
        <source>Requested by customer</source>
        <translation>Solicitado por el cliente</translation>
    </message>
    <message>
        <source>Duplicate payment</source>
        <translation>Pago duplicado</translation>
    </message>
    <message>
        <source>Fraudulent</source>
        <translation>Fraudulento</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>Motivo:</translation>
    </message>
    <message>
        <source>refunded %1 (%2, %3) by %4 on %5</source>
        <translation>reembolsado %1 (%2, %3) por %4 el %5</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>desconocido</translation>
    </message>
    <message>
        <source>%1 can still be refunded</source>
        <translation>Aún se pueden reembolsar %1</translation>
    </message>
    <message>
        <source>Form %1 (for %2): MusicGPT will generate %3 again. The current preview is replaced when the new one finishes; the customer&apos;s selection is kept.</source>
        <translation>Formulario %1 (para %2): MusicGPT volverá a generar %3. La vista previa actual se reemplaza cuando termine la nueva; la selección del cliente se mantiene.</translation>
    </message>
    <message>
        <source>nothing (no variations)</source>
        <translation>nada (sin variaciones)</translation>
    </message>
    <message>
        <source>(no e-mail)</source>
        <translation>(sin correo)</translation>
    </message>
    <message>
        <source>The customer receives an e-mail at %1 with the share link to the song of form %2 (for %3).</source>
        <translation>El cliente recibe un correo en %1 con el enlace para compartir la canción del formulario %2 (para %3).</translation>
    </message>
    <message>
        <source>The form becomes &quot;%1&quot; (it is &quot;%2&quot; now); afterwards Redeliver can send the same link again.</source>
        <translation>El formulario pasa a «%1» (ahora es «%2»); después, «Reenviar enlace» puede enviar el mismo enlace otra vez.</translation>
    </message>
    <message>
        <source>The customer receives the same share link of form %1 (for %2) again, by e-mail at %3. The form stays &quot;%4&quot;; nothing else changes.</source>
        <translation>El cliente vuelve a recibir el mismo enlace del formulario %1 (para %2) por correo en %3. El formulario sigue «%4»; nada más cambia.</translation>
    </message>
    <message>
        <source>Refund %1</source>
        <translation>Reembolsar %1</translation>
    </message>
    <message>
        <source>No variation of this form has failed: there is nothing to retry.</source>
        <translation>Ninguna variación de este formulario ha fallado: no hay nada que reintentar.</translation>
    </message>
    <message>
        <source>The form has no e-mail: enter one.</source>
        <translation>El formulario no tiene correo: introduzca uno.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an e-mail address.</source>
        <translation>«%1» no es una dirección de correo.</translation>
    </message>
    <message>
        <source>Nothing is left to refund.</source>
        <translation>No queda nada por reembolsar.</translation>
    </message>
    <message>
        <source>At most %1 can be refunded.</source>
        <translation>Se puede reembolsar como máximo %1.</translation>
    </message>
    <message>
        <source>Another action on this form is still in progress.</source>
        <translation>Otra acción sobre este formulario sigue en curso.</translation>
    </message>
    <message>
        <source>Done.</source>
        <translation>Hecho.</translation>
    </message>
    <message>
        <source>Refunded %1 (Stripe refund %2, %3).</source>
        <translation>Reembolsado %1 (reembolso de Stripe %2, %3).</translation>
    </message>
    <message numerus="yes">
        <source>Generation restarted for %n variation(s); the table shows &quot;generating…&quot; until MusicGPT is done.</source>
        <translation>
            <numerusform>Generación reiniciada para %n variación; la tabla muestra «generando…» hasta que MusicGPT termine.</numerusform>
            <numerusform>Generación reiniciada para %n variaciones; la tabla muestra «generando…» hasta que MusicGPT termine.</numerusform>
        </translation>
    </message>
    <message>
        <source>Form %1 is delivered; the share link was sent.</source>
        <translation>El formulario %1 está entregado; se envió el enlace para compartir.</translation>
    </message>
    <message>
        <source>The share link was sent again to %1.</source>
        <translation>El enlace para compartir se envió de nuevo a %1.</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>%1 paid on %2</source>
        <translation>%1 pagado el %2</translation>
    </message>
    <message>
        <source>%1 paid</source>
        <translation>%1 pagado</translation>
    </message>
    <message numerus="yes">
        <source>The customer receives an e-mail at %1 with the share links to the %n song(s) of form %2 (for %3).</source>
        <translation>
            <numerusform>El cliente recibe un correo en %1 con el enlace para compartir la %n canción del formulario %2 (para %3).</numerusform>
            <numerusform>El cliente recibe un correo en %1 con los enlaces para compartir las %n canciones del formulario %2 (para %3).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Why, in the customer&apos;s words (at least %n characters)</source>
        <translation>
            <numerusform>Por qué, con las palabras del cliente (al menos %n carácter)</numerusform>
            <numerusform>Por qué, con las palabras del cliente (al menos %n caracteres)</numerusform>
        </translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Otro</translation>
    </message>
    <message>
        <source>Stripe reason:</source>
        <translation>Motivo para Stripe:</translation>
    </message>
    <message>
        <source>(no payment id)</source>
        <translation>(sin id de pago)</translation>
    </message>
    <message>
        <source>Stripe will refund %1 of the %2 paid for form %3 (for %4) to the card of %5 (payment %6).</source>
        <translation>Stripe reembolsará %1 de los %2 pagados por el formulario %3 (para %4) a la tarjeta de %5 (pago %6).</translation>
    </message>
    <message>
        <source>the customer</source>
        <translation>el cliente</translation>
    </message>
    <message>
        <source>The form will then count as refunded.</source>
        <translation>El formulario contará entonces como reembolsado.</translation>
    </message>
    <message>
        <source>Type the customer&apos;s reason.</source>
        <translation>Escriba el motivo del cliente.</translation>
    </message>
    <message numerus="yes">
        <source>The reason is too short: at least %n characters.</source>
        <translation>
            <numerusform>El motivo es demasiado corto: al menos %n carácter.</numerusform>
            <numerusform>El motivo es demasiado corto: al menos %n caracteres.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>compose::ApiClient</name>
    <message>
        <source>The API&apos;s HTTPS certificate was not accepted: %1</source>
        <translation>No se aceptó el certificado HTTPS de la API: %1</translation>
    </message>
    <message>
        <source>The API did not answer in time. The action may or may not have been done; trying again is safe and will not do it twice.</source>
        <translation>La API no respondió a tiempo. Puede que la acción se haya hecho o no; reintentar es seguro y no la hará dos veces.</translation>
    </message>
    <message>
        <source>The API cannot be reached (%1). Nothing was changed by this attempt unless the server got it; trying again is safe.</source>
        <translation>No se puede acceder a la API (%1). Este intento no cambió nada salvo que el servidor lo recibiera; reintentar es seguro.</translation>
    </message>
    <message>
        <source>The API did not accept your staff token. Enter a valid one with the &quot;Staff token…&quot; button at the top of the window.</source>
        <translation>La API no aceptó su token de personal. Introduzca uno válido con el botón «Token de personal…» en la parte superior de la ventana.</translation>
    </message>
    <message>
        <source>Your role may not do this.</source>
        <translation>Su rol no permite hacer esto.</translation>
    </message>
    <message>
        <source>The API does not know this form.</source>
        <translation>La API no conoce este formulario.</translation>
    </message>
    <message>
        <source>The form&apos;s state does not allow this any more.</source>
        <translation>El estado del formulario ya no lo permite.</translation>
    </message>
    <message>
        <source>The API refused the request as invalid.</source>
        <translation>La API rechazó la solicitud por no ser válida.</translation>
    </message>
    <message>
        <source>The API is busy (too many requests). Wait a moment and try again.</source>
        <translation>La API está ocupada (demasiadas solicitudes). Espere un momento y vuelva a intentarlo.</translation>
    </message>
    <message>
        <source>The API failed (HTTP %1).</source>
        <translation>La API falló (HTTP %1).</translation>
    </message>
    <message>
        <source> Trying again with the same request is safe.</source>
        <translation> Reintentar con la misma solicitud es seguro.</translation>
    </message>
    <message>
        <source>No API is configured.</source>
        <translation>No hay ninguna API configurada.</translation>
    </message>
    <message>
        <source>No staff token is set.</source>
        <translation>No hay ningún token de personal.</translation>
    </message>
    <message>
        <source>The API&apos;s answer to &quot;who am I&quot; was not understood.</source>
        <translation>No se entendió la respuesta de la API a «quién soy».</translation>
    </message>
    <message>
        <source>The CA file holds no PEM certificate.</source>
        <translation>El archivo de CA no contiene ningún certificado PEM.</translation>
    </message>
</context>
<context>
    <name>compose::ApiErrorText</name>
    <message>
        <source>The form&apos;s status does not allow this action.</source>
        <translation>El estado del formulario no permite esta acción.</translation>
    </message>
    <message>
        <source>The amount is more than what can still be refunded.</source>
        <translation>El importe supera lo que aún se puede reembolsar.</translation>
    </message>
    <message>
        <source>The amount is too large.</source>
        <translation>El importe es demasiado alto.</translation>
    </message>
    <message>
        <source>The API refused the request.</source>
        <translation>La API rechazó la solicitud.</translation>
    </message>
    <message>
        <source>Stripe says this payment is already refunded.</source>
        <translation>Según Stripe, este pago ya está reembolsado.</translation>
    </message>
    <message>
        <source>A checkout is open for this form; its selection can no longer change.</source>
        <translation>Hay un pago abierto para este formulario; su selección ya no puede cambiar.</translation>
    </message>
    <message>
        <source>The API&apos;s database reported an error. Nothing was changed.</source>
        <translation>La base de datos de la API informó de un error. No se cambió nada.</translation>
    </message>
    <message>
        <source>The API cannot reach its database right now. Try again in a moment.</source>
        <translation>La API no puede acceder a su base de datos ahora. Vuelva a intentarlo en un momento.</translation>
    </message>
    <message>
        <source>The request named a field twice.</source>
        <translation>La solicitud incluía un campo dos veces.</translation>
    </message>
    <message>
        <source>A form with this id already exists.</source>
        <translation>Ya existe un formulario con este id.</translation>
    </message>
    <message>
        <source>The form&apos;s variations and selections can no longer change.</source>
        <translation>Las variaciones y la selección del formulario ya no pueden cambiar.</translation>
    </message>
    <message>
        <source>The API does not know this form.</source>
        <translation>La API no conoce este formulario.</translation>
    </message>
    <message>
        <source>Your role may not do this.</source>
        <translation>Su rol no permite hacer esto.</translation>
    </message>
    <message>
        <source>A generation for this form is still running.</source>
        <translation>Todavía hay una generación en curso para este formulario.</translation>
    </message>
    <message>
        <source>This form has used all of its generation calls.</source>
        <translation>Este formulario ha agotado todas sus generaciones.</translation>
    </message>
    <message>
        <source>This request key was already used for a different request.</source>
        <translation>Esta clave de solicitud ya se usó para otra solicitud.</translation>
    </message>
    <message>
        <source>The same action is still being processed. Try again in a moment.</source>
        <translation>La misma acción todavía se está procesando. Vuelva a intentarlo en un momento.</translation>
    </message>
    <message>
        <source>The API failed on its side. Nothing was changed.</source>
        <translation>La API falló por su parte. No se cambió nada.</translation>
    </message>
    <message>
        <source>A value in the request is not valid.</source>
        <translation>Un valor de la solicitud no es válido.</translation>
    </message>
    <message>
        <source>The API could not read the request.</source>
        <translation>La API no pudo leer la solicitud.</translation>
    </message>
    <message>
        <source>The form cannot move to that status from its current one.</source>
        <translation>El formulario no puede pasar a ese estado desde el actual.</translation>
    </message>
    <message>
        <source>The API does not offer this action here.</source>
        <translation>La API no ofrece esta acción aquí.</translation>
    </message>
    <message>
        <source>The request is missing a required value.</source>
        <translation>Falta un valor obligatorio en la solicitud.</translation>
    </message>
    <message>
        <source>The form has no customer e-mail address; enter one.</source>
        <translation>El formulario no tiene correo del cliente; introduzca uno.</translation>
    </message>
    <message>
        <source>The form has no Stripe payment to refund.</source>
        <translation>El formulario no tiene ningún pago de Stripe que reembolsar.</translation>
    </message>
    <message>
        <source>The API is not configured for this action.</source>
        <translation>La API no está configurada para esta acción.</translation>
    </message>
    <message>
        <source>The API does not know this address.</source>
        <translation>La API no conoce esta dirección.</translation>
    </message>
    <message>
        <source>Nothing is left to refund on this form.</source>
        <translation>No queda nada por reembolsar en este formulario.</translation>
    </message>
    <message>
        <source>The form has no failed variations.</source>
        <translation>El formulario no tiene variaciones fallidas.</translation>
    </message>
    <message>
        <source>The request is too large.</source>
        <translation>La solicitud es demasiado grande.</translation>
    </message>
    <message>
        <source>The form already has its prompts.</source>
        <translation>El formulario ya tiene sus prompts.</translation>
    </message>
    <message>
        <source>The prompts are missing.</source>
        <translation>Faltan los prompts.</translation>
    </message>
    <message>
        <source>Stripe refused the refund.</source>
        <translation>Stripe rechazó el reembolso.</translation>
    </message>
    <message>
        <source>The music generation task is not known.</source>
        <translation>La tarea de generación de música no es conocida.</translation>
    </message>
    <message>
        <source>The API did not accept your staff token.</source>
        <translation>La API no aceptó su token de personal.</translation>
    </message>
    <message>
        <source>The request contains a field the API does not know.</source>
        <translation>La solicitud contiene un campo que la API no conoce.</translation>
    </message>
    <message>
        <source>The user is not known.</source>
        <translation>El usuario no es conocido.</translation>
    </message>
    <message>
        <source>A service the API depends on (MusicGPT or Stripe) failed. Try again later.</source>
        <translation>Falló un servicio del que depende la API (MusicGPT o Stripe). Vuelva a intentarlo más tarde.</translation>
    </message>
    <message>
        <source>That variation has no finished audio yet.</source>
        <translation>Esa variación aún no tiene audio terminado.</translation>
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
        <translation>%1: no disponible</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message numerus="yes">
        <source>%n order(s) name no form; they are not in the form list.</source>
        <translation>
            <numerusform>%n pedido no indica ningún formulario; no está en la lista de formularios.</numerusform>
            <numerusform>%n pedidos no indican ningún formulario; no están en la lista de formularios.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: %2 (+%n order(s))</source>
        <translation>
            <numerusform>%1: %2 (+%n pedido)</numerusform>
            <numerusform>%1: %2 (+%n pedidos)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>compose::AttentionPanel</name>
    <message>
        <source>Needs attention</source>
        <translation>Requiere atención</translation>
    </message>
    <message>
        <source>&amp;Needs attention</source>
        <translation>&amp;Requiere atención</translation>
    </message>
    <message>
        <source>&amp;Next form of this queue</source>
        <translation>&amp;Siguiente formulario de esta cola</translation>
    </message>
    <message>
        <source>Open the next form of the chosen queue with the action it needs offered</source>
        <translation>Abrir el siguiente formulario de la cola elegida con la acción que necesita ya ofrecida</translation>
    </message>
    <message>
        <source>Show the forms of the queue &quot;%1&quot;</source>
        <translation>Mostrar los formularios de la cola «%1»</translation>
    </message>
    <message>
        <source>Next ▸</source>
        <translation>Siguiente ▸</translation>
    </message>
    <message>
        <source>Open the next form of the chosen queue (Ctrl+J)</source>
        <translation>Abrir el siguiente formulario de la cola elegida (Ctrl+J)</translation>
    </message>
</context>
<context>
    <name>compose::AttentionPresenter</name>
    <message>
        <source>No other form in &quot;%1&quot;.</source>
        <translation>No hay otro formulario en «%1».</translation>
    </message>
    <message>
        <source>%1 is offered: press Space to open it.</source>
        <translation>Se ofrece %1: pulse Espacio para abrirlo.</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>the second payment, order %1, is selected: press Enter to refund it.</source>
        <translation>el segundo pago, pedido %1, está seleccionado: pulse Intro para reembolsarlo.</translation>
    </message>
</context>
<context>
    <name>compose::AudioPresenter</name>
    <message>
        <source>Play the form&apos;s chosen variation</source>
        <translation>Reproducir la variación elegida del formulario</translation>
    </message>
    <message>
        <source>Play the selected form&apos;s chosen variation</source>
        <translation>Reproducir la variación elegida del formulario seleccionado</translation>
    </message>
    <message>
        <source>Enter (variation table)</source>
        <translation>Intro (tabla de variaciones)</translation>
    </message>
    <message>
        <source>Play that variation</source>
        <translation>Reproducir esa variación</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>Reproducir</translation>
    </message>
    <message>
        <source>for %1</source>
        <translation>para %1</translation>
    </message>
    <message>
        <source>Select a form in the list first.</source>
        <translation>Seleccione primero un formulario en la lista.</translation>
    </message>
    <message>
        <source>This form has no preview to play yet.</source>
        <translation>Este formulario aún no tiene vista previa para reproducir.</translation>
    </message>
</context>
<context>
    <name>compose::AuditTrailModel</name>
    <message>
        <source>all that remained</source>
        <translation>todo lo que quedaba</translation>
    </message>
    <message>
        <source>Refund %1, reason %2</source>
        <translation>Reembolso %1, motivo %2</translation>
    </message>
    <message>
        <source>Refund %1 (%2, %3), reason %4</source>
        <translation>Reembolso %1 (%2, %3), motivo %4</translation>
    </message>
    <message>
        <source> (&quot;%1&quot;)</source>
        <translation> («%1»)</translation>
    </message>
    <message>
        <source>Retry all failed variations</source>
        <translation>Reintentar todas las variaciones fallidas</translation>
    </message>
    <message>
        <source>Retry song %1 variation %2</source>
        <translation>Reintentar canción %1, variación %2</translation>
    </message>
    <message>
        <source>Mark delivered</source>
        <translation>Marcado como entregado</translation>
    </message>
    <message>
        <source>Mark delivered (&quot;%1&quot;)</source>
        <translation>Marcar como entregado («%1»)</translation>
    </message>
    <message>
        <source>Redeliver the share link</source>
        <translation>Reenviar el enlace para compartir</translation>
    </message>
    <message>
        <source>Redeliver the share link to %1</source>
        <translation>Reenviar el enlace para compartir a %1</translation>
    </message>
    <message>
        <source>refused (%1): %2</source>
        <translation>rechazado (%1): %2</translation>
    </message>
    <message>
        <source>done</source>
        <translation>hecho</translation>
    </message>
    <message>
        <source>system</source>
        <translation>sistema</translation>
    </message>
    <message>
        <source>Status set to %1</source>
        <translation>Estado establecido en %1</translation>
    </message>
    <message>
        <source>Status %1 → %2</source>
        <translation>Estado %1 → %2</translation>
    </message>
    <message>
        <source>status change</source>
        <translation>cambio de estado</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Cuándo</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Quién</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Qué</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Resultado</translation>
    </message>
</context>
<context>
    <name>compose::AuditTrailView</name>
    <message>
        <source>The audit trail comes from compose-api: %1</source>
        <translation>El registro de auditoría viene de compose-api: %1</translation>
    </message>
    <message>
        <source>No staff actions or status changes recorded for this form yet.</source>
        <translation>Aún no hay acciones del personal ni cambios de estado registrados para este formulario.</translation>
    </message>
    <message numerus="yes">
        <source>%n entry(s), newest first.</source>
        <translation>
            <numerusform>%n entrada, la más reciente primero.</numerusform>
            <numerusform>%n entradas, las más recientes primero.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>compose::Banner</name>
    <message>
        <source>Warning:</source>
        <translation>Advertencia:</translation>
    </message>
    <message>
        <source>Note:</source>
        <translation>Nota:</translation>
    </message>
</context>
<context>
    <name>compose::BulkRetry</name>
    <message>
        <source>Retry failed variations of the selected forms</source>
        <translation>Reintentar las variaciones fallidas de los formularios seleccionados</translation>
    </message>
    <message>
        <source>Retry the failed variations of every form selected in the list</source>
        <translation>Reintentar las variaciones fallidas de todos los formularios seleccionados en la lista</translation>
    </message>
    <message>
        <source>Retry of the selection: %1 started, %2 had nothing to retry, %3 failed.</source>
        <translation>Reintento de la selección: %1 iniciados, %2 sin nada que reintentar, %3 fallidos.</translation>
    </message>
    <message>
        <source>Retry the failed variations of %1</source>
        <translation>Reintentar las variaciones fallidas de %1</translation>
    </message>
    <message numerus="yes">
        <source>%n forms are selected: retry at most %1 at once.</source>
        <translation>
            <numerusform>%n formulario seleccionado: reintenta como máximo %1 a la vez.</numerusform>
            <numerusform>%n formularios seleccionados: reintenta como máximo %1 a la vez.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>compose::CommandPalette</name>
    <message>
        <source>Command palette</source>
        <translation>Paleta de comandos</translation>
    </message>
    <message>
        <source>Type an action or a form (id, recipient, e-mail)…</source>
        <translation>Escriba una acción o un formulario (id, destinatario, correo)…</translation>
    </message>
    <message>
        <source>Form %1 · %2 · %3</source>
        <translation>Formulario %1 · %2 · %3</translation>
    </message>
    <message>
        <source>%1    %2</source>
        <translation>%1    %2</translation>
    </message>
    <message>
        <source>Find forms: %1</source>
        <translation>Buscar formularios: %1</translation>
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
        <translation>Conectar con la base de datos de la tienda</translation>
    </message>
    <message>
        <source>localhost (empty: PGHOST or the local socket)</source>
        <translation>localhost (vacío: PGHOST o el socket local)</translation>
    </message>
    <message>
        <source>default (5432)</source>
        <translation>predeterminado (5432)</translation>
    </message>
    <message>
        <source>empty: PGDATABASE or the user name</source>
        <translation>vacío: PGDATABASE o el nombre de usuario</translation>
    </message>
    <message>
        <source>empty: PGUSER or your login</source>
        <translation>vacío: PGUSER o su usuario de sesión</translation>
    </message>
    <message>
        <source>not saved; empty: PGPASSWORD or ~/.pgpass</source>
        <translation>no se guarda; vacío: PGPASSWORD o ~/.pgpass</translation>
    </message>
    <message>
        <source>&amp;Host:</source>
        <translation>&amp;Servidor:</translation>
    </message>
    <message>
        <source>P&amp;ort:</source>
        <translation>P&amp;uerto:</translation>
    </message>
    <message>
        <source>&amp;Database:</source>
        <translation>&amp;Base de datos:</translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation>&amp;Usuario:</translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation>Contra&amp;seña:</translation>
    </message>
    <message>
        <source>&amp;SSL mode:</source>
        <translation>&amp;Modo SSL:</translation>
    </message>
    <message>
        <source>Database &amp;URL:</source>
        <translation>&amp;URL de la base de datos:</translation>
    </message>
    <message>
        <source>A password in the URL is used for this session only.</source>
        <translation>Una contraseña en la URL solo se usa en esta sesión.</translation>
    </message>
    <message>
        <source>/path/to/compose.db</source>
        <translation>/ruta/a/compose.db</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Examinar…</translation>
    </message>
    <message>
        <source>SQLite &amp;file:</source>
        <translation>&amp;Archivo SQLite:</translation>
    </message>
    <message>
        <source>PostgreSQL server</source>
        <translation>Servidor PostgreSQL</translation>
    </message>
    <message>
        <source>PostgreSQL URL</source>
        <translation>URL de PostgreSQL</translation>
    </message>
    <message>
        <source>SQLite file</source>
        <translation>Archivo SQLite</translation>
    </message>
    <message>
        <source>&amp;Connect</source>
        <translation>&amp;Conectar</translation>
    </message>
    <message>
        <source>&amp;Test connection</source>
        <translation>&amp;Probar conexión</translation>
    </message>
    <message>
        <source>Connection works.</source>
        <translation>La conexión funciona.</translation>
    </message>
    <message>
        <source>Paste a postgresql:// URL, or use one of the other tabs.</source>
        <translation>Pegue una URL postgresql:// o use una de las otras pestañas.</translation>
    </message>
    <message>
        <source>Choose an SQLite database file.</source>
        <translation>Elija un archivo de base de datos SQLite.</translation>
    </message>
    <message>
        <source>There is no file at %1.</source>
        <translation>No hay ningún archivo en %1.</translation>
    </message>
    <message>
        <source>The host name &quot;%1&quot; is not valid.</source>
        <translation>El nombre de servidor «%1» no es válido.</translation>
    </message>
    <message>
        <source>Testing %1…</source>
        <translation>Probando %1…</translation>
    </message>
    <message>
        <source>Open SQLite database</source>
        <translation>Abrir base de datos SQLite</translation>
    </message>
    <message>
        <source>SQLite databases (*.db *.sqlite *.sqlite3);;All files (*)</source>
        <translation>Bases de datos SQLite (*.db *.sqlite *.sqlite3);;Todos los archivos (*)</translation>
    </message>
</context>
<context>
    <name>compose::CustomerView</name>
    <message>
        <source>account %1</source>
        <translation>cuenta %1</translation>
    </message>
    <message>
        <source>%1 (account %2)</source>
        <translation>%1 (cuenta %2)</translation>
    </message>
    <message>
        <source>Forms of %1</source>
        <translation>Formularios de %1</translation>
    </message>
    <message>
        <source>Loading the forms of %1…</source>
        <translation>Cargando los formularios de %1…</translation>
    </message>
    <message>
        <source>Form</source>
        <translation>Formulario</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Creado</translation>
    </message>
    <message>
        <source>Recipient</source>
        <translation>Destinatario</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>Pagado</translation>
    </message>
    <message>
        <source>Refunded</source>
        <translation>Reembolsado</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Enviado</translation>
    </message>
    <message>
        <source>Open form</source>
        <translation>Abrir formulario</translation>
    </message>
    <message>
        <source>Could not load the customer&apos;s forms: %1</source>
        <translation>No se pudieron cargar los formularios del cliente: %1</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>desconocido</translation>
    </message>
    <message numerus="yes">
        <source>sent %n time(s)</source>
        <translation>
            <numerusform>enviado %n vez</numerusform>
            <numerusform>enviado %n veces</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n form(s) · paid %1 · refunded %2 · %3</source>
        <translation>
            <numerusform>%n formulario · pagado %1 · reembolsado %2 · %3</numerusform>
            <numerusform>%n formularios · pagado %1 · reembolsado %2 · %3</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n form(s) · paid %1 · refunds and deliveries are not known on this database (no compose tables)</source>
        <translation>
            <numerusform>%n formulario · pagado %1 · en esta base de datos no se conocen los reembolsos ni las entregas (no hay tablas de compose)</numerusform>
            <numerusform>%n formularios · pagado %1 · en esta base de datos no se conocen los reembolsos ni las entregas (no hay tablas de compose)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>compose::DashboardController</name>
    <message>
        <source>Demo database</source>
        <translation>Base de datos de demostración</translation>
    </message>
    <message>
        <source>The demo database could not be prepared:
%1</source>
        <translation>No se pudo preparar la base de datos de demostración:
%1</translation>
    </message>
    <message>
        <source>The demo&apos;s previews may not play: their links could not be updated (%1).</source>
        <translation>Puede que las vistas previas de la demostración no se reproduzcan: no se pudieron actualizar sus enlaces (%1).</translation>
    </message>
    <message>
        <source>Compose Desk — Demo</source>
        <translation>Compose Desk — Demostración</translation>
    </message>
    <message>
        <source>Demo data</source>
        <translation>Datos de demostración</translation>
    </message>
    <message>
        <source>Generated demo data in %1</source>
        <translation>Datos de demostración generados en %1</translation>
    </message>
    <message>
        <source>&amp;Mailbox…</source>
        <translation>&amp;Buzón…</translation>
    </message>
    <message>
        <source>Preparing the demo database…</source>
        <translation>Preparando la base de datos de demostración…</translation>
    </message>
    <message>
        <source>Compose Desk</source>
        <translation>Compose Desk</translation>
    </message>
    <message>
        <source>The built-in API did not start: %1</source>
        <translation>La API integrada no se inició: %1</translation>
    </message>
    <message>
        <source>compose-api</source>
        <translation>compose-api</translation>
    </message>
    <message>
        <source>Address of compose-api (e.g. https://api.example.com):</source>
        <translation>Dirección de compose-api (p. ej. https://api.example.com):</translation>
    </message>
    <message>
        <source>Staff token</source>
        <translation>Token de personal</translation>
    </message>
    <message>
        <source>Your staff token for %1
(ask an admin: compose-api --add-staff NAME --role agent). It is kept in the system keychain, never in a settings file.</source>
        <translation>Su token de personal para %1
(pídalo a un administrador: compose-api --add-staff NOMBRE --role agent). Se guarda en el llavero del sistema, nunca en un archivo de configuración.</translation>
    </message>
    <message>
        <source>Deliveries</source>
        <translation>Entregas</translation>
    </message>
    <message>
        <source>De&amp;mo</source>
        <translation>De&amp;mostración</translation>
    </message>
</context>
<context>
    <name>compose::DatabaseStatus</name>
    <message>
        <source>Try again</source>
        <translation>Reintentar</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>Conectando con %1…</translation>
    </message>
    <message>
        <source>Could not open the database %1: %2</source>
        <translation>No se pudo abrir la base de datos %1: %2</translation>
    </message>
    <message>
        <source>Connection to the database lost (%1).</source>
        <translation>Se perdió la conexión con la base de datos (%1).</translation>
    </message>
    <message>
        <source>Showing data from %1 — reconnecting…</source>
        <translation>Mostrando datos de %1 — reconectando…</translation>
    </message>
    <message>
        <source>Reconnecting…</source>
        <translation>Reconectando…</translation>
    </message>
    <message>
        <source>No database</source>
        <translation>Sin base de datos</translation>
    </message>
    <message>
        <source>Connected to %1</source>
        <translation>Conectado a %1</translation>
    </message>
    <message>
        <source>Disconnected from %1</source>
        <translation>Desconectado de %1</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>No conectado</translation>
    </message>
    <message>
        <source>Not connected (%1)</source>
        <translation>No conectado (%1)</translation>
    </message>
    <message>
        <source>seed-only schema: read-only, polling</source>
        <translation>solo esquema de la tienda: solo lectura, sondeo</translation>
    </message>
    <message>
        <source>schema v%1</source>
        <translation>esquema v%1</translation>
    </message>
    <message>
        <source>status history</source>
        <translation>historial de estados</translation>
    </message>
    <message>
        <source>no history</source>
        <translation>sin historial</translation>
    </message>
    <message>
        <source>funnel rollup</source>
        <translation>resumen del embudo</translation>
    </message>
    <message>
        <source>● Live (notifications)</source>
        <translation>● En directo (notificaciones)</translation>
    </message>
    <message>
        <source>● Live (polling every few seconds)</source>
        <translation>● En directo (sondeo cada pocos segundos)</translation>
    </message>
    <message>
        <source>○ Offline</source>
        <translation>○ Sin conexión</translation>
    </message>
    <message>
        <source>● Live (polling a standby)</source>
        <translation>● En directo (sondeo de una réplica en espera)</translation>
    </message>
    <message>
        <source>● Live (polling a standby, %1 s behind the primary)</source>
        <translation>● En directo (sondeo de una réplica en espera, %1 s por detrás de la principal)</translation>
    </message>
    <message numerus="yes">
        <source>%Ln form(s)</source>
        <translation>
            <numerusform>%Ln formulario</numerusform>
            <numerusform>%Ln formularios</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln form(s) · loading…</source>
        <translation>
            <numerusform>%Ln formulario · cargando…</numerusform>
            <numerusform>%Ln formularios · cargando…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>compose::DatabaseWorker</name>
    <message>
        <source>Not connected to a database.</source>
        <translation>No conectado a ninguna base de datos.</translation>
    </message>
    <message>
        <source>The connection to the database was lost.</source>
        <translation>Se perdió la conexión con la base de datos.</translation>
    </message>
    <message>
        <source>The database connection was lost: %1</source>
        <translation>Se perdió la conexión con la base de datos: %1</translation>
    </message>
</context>
<context>
    <name>compose::DeepLink</name>
    <message>
        <source>&quot;%1&quot; is not a compose-desk:// link.</source>
        <translation>«%1» no es un enlace compose-desk://.</translation>
    </message>
    <message>
        <source>A compose-desk:// link names a form: compose-desk://form/ID.</source>
        <translation>Un enlace compose-desk:// indica un formulario: compose-desk://form/ID.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a form id.</source>
        <translation>«%1» no es un id de formulario.</translation>
    </message>
</context>
<context>
    <name>compose::DeliveriesView</name>
    <message>
        <source>This form has not been delivered yet.</source>
        <translation>Este formulario aún no se ha entregado.</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Cuándo</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Para</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>Correo</translation>
    </message>
    <message>
        <source>By</source>
        <translation>Por</translation>
    </message>
    <message>
        <source>&amp;Open share page</source>
        <translation>&amp;Abrir página para compartir</translation>
    </message>
    <message>
        <source>Resend the song</source>
        <translation>Reenviar la canción</translation>
    </message>
    <message>
        <source>Send the share link of form %1 again to %2? The customer gets a new e-mail.</source>
        <translation>¿Enviar de nuevo el enlace del formulario %1 a %2? El cliente recibe un correo nuevo.</translation>
    </message>
    <message>
        <source>no e-mail recorded</source>
        <translation>sin correo registrado</translation>
    </message>
    <message>
        <source>sent %1</source>
        <translation>enviado %1</translation>
    </message>
    <message>
        <source>queued</source>
        <translation>en cola</translation>
    </message>
    <message>
        <source>sending</source>
        <translation>enviando</translation>
    </message>
    <message>
        <source>failed, retrying %1 (attempt %2): %3</source>
        <translation>falló, se reintenta %1 (intento %2): %3</translation>
    </message>
    <message numerus="yes">
        <source>failed after %n attempt(s): %1</source>
        <translation>
            <numerusform>falló tras %n intento: %1</numerusform>
            <numerusform>falló tras %n intentos: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>redelivery</source>
        <translation>reenvío</translation>
    </message>
    <message>
        <source>delivery</source>
        <translation>entrega</translation>
    </message>
    <message>
        <source>on payment</source>
        <translation>al pagar</translation>
    </message>
    <message>
        <source>The API is not available: resending needs it.</source>
        <translation>La API no está disponible; el reenvío la necesita.</translation>
    </message>
    <message>
        <source>Choose the delivery whose address should get the link again.</source>
        <translation>Elija la entrega cuya dirección debe recibir el enlace de nuevo.</translation>
    </message>
    <message>
        <source>Send the share link again to the chosen address.</source>
        <translation>Enviar el enlace de nuevo a la dirección elegida.</translation>
    </message>
    <message>
        <source>Resend the share link of form %1 to %2</source>
        <translation>Reenviar el enlace del formulario %1 a %2</translation>
    </message>
    <message>
        <source>Re&amp;send…</source>
        <translation>Reen&amp;viar…</translation>
    </message>
</context>
<context>
    <name>compose::FilterBar</name>
    <message>
        <source>C&amp;reated:</source>
        <translation>C&amp;reado:</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Hoy</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>Últimos 7 días</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>Últimos 30 días</translation>
    </message>
    <message>
        <source>All time</source>
        <translation>Todo el tiempo</translation>
    </message>
    <message>
        <source>Custom…</source>
        <translation>Personalizado…</translation>
    </message>
    <message>
        <source>Which forms the funnel and the list count, by the day they were created (UTC)</source>
        <translation>Qué formularios cuentan el embudo y la lista, según el día en que se crearon (UTC)</translation>
    </message>
    <message>
        <source>First day (inclusive)</source>
        <translation>Primer día (incluido)</translation>
    </message>
    <message>
        <source>Last day (inclusive)</source>
        <translation>Último día (incluido)</translation>
    </message>
    <message>
        <source>All packages</source>
        <translation>Todos los paquetes</translation>
    </message>
    <message>
        <source>Show all statuses again</source>
        <translation>Mostrar de nuevo todos los estados</translation>
    </message>
    <message>
        <source>Find a form: id, e-mail, recipient, cs_… or pi_…  (Ctrl+F)</source>
        <translation>Buscar un formulario: id, correo, destinatario, cs_… o pi_…  (Ctrl+F)</translation>
    </message>
    <message>
        <source>Searches form id, customer e-mail, recipient name, Stripe checkout session and payment intent</source>
        <translation>Busca en el id del formulario, el correo del cliente, el nombre del destinatario, la sesión de pago de Stripe y el payment intent</translation>
    </message>
    <message>
        <source>Status: %1  ✕</source>
        <translation>Estado: %1  ✕</translation>
    </message>
    <message>
        <source>Pac&amp;kage:</source>
        <translation>Pa&amp;quete:</translation>
    </message>
    <message>
        <source>Needs attention:</source>
        <translation>Requiere atención:</translation>
    </message>
    <message>
        <source>All forms</source>
        <translation>Todos los formularios</translation>
    </message>
    <message>
        <source>Show only the forms of one queue or with one flag</source>
        <translation>Mostrar solo los formularios de una cola o con un indicador</translation>
    </message>
    <message>
        <source>Enter</source>
        <translation>Intro</translation>
    </message>
    <message>
        <source>In the search box: open the match (the first, when several)</source>
        <translation>En el cuadro de búsqueda: abrir la coincidencia (la primera, si hay varias)</translation>
    </message>
    <message>
        <source>Down</source>
        <translation>Abajo</translation>
    </message>
    <message>
        <source>In the search box: go on into the list</source>
        <translation>En el cuadro de búsqueda: pasar a la lista</translation>
    </message>
</context>
<context>
    <name>compose::FindingDialog</name>
    <message>
        <source>Apply finding %1</source>
        <translation>Aplicar el hallazgo %1</translation>
    </message>
    <message>
        <source>Dismiss finding %1</source>
        <translation>Descartar el hallazgo %1</translation>
    </message>
    <message>
        <source>Applying records this payment exactly as Stripe&apos;s webhook would have: an order, the form paid, its delivery. If the webhook arrives later, nothing is recorded twice.</source>
        <translation>Al aplicar se registra este pago exactamente como lo habría hecho el webhook de Stripe: un pedido, el formulario pagado y su entrega. Si el webhook llega más tarde, no se registra nada dos veces.</translation>
    </message>
    <message>
        <source>Applying takes Stripe&apos;s state of this refund into the books, as Stripe&apos;s refund event would have.</source>
        <translation>Al aplicar se lleva a los registros el estado de este reembolso en Stripe, como lo habría hecho el evento de reembolso de Stripe.</translation>
    </message>
    <message>
        <source>Dismissing closes the finding without changing any payment. Say why; the note is kept in the audit trail.</source>
        <translation>Al descartar se cierra el hallazgo sin cambiar ningún pago. Indique el motivo; la nota se guarda en el registro de auditoría.</translation>
    </message>
    <message>
        <source>Why is this finding dismissed? (required)</source>
        <translation>¿Por qué se descarta este hallazgo? (obligatorio)</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Reintentar</translation>
    </message>
    <message>
        <source>Sends the very same request again (same Idempotency-Key): it cannot be done twice.</source>
        <translation>Envía exactamente la misma solicitud otra vez (misma Idempotency-Key): no se puede hacer dos veces.</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Aplicar</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Descartar</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Say why the finding is dismissed.</source>
        <translation>Indique por qué se descarta el hallazgo.</translation>
    </message>
    <message>
        <source>Another action on this form is still in progress.</source>
        <translation>Otra acción sobre este formulario sigue en curso.</translation>
    </message>
    <message>
        <source>Applied: the books now say what Stripe says.</source>
        <translation>Aplicado: los registros coinciden ahora con lo que dice Stripe.</translation>
    </message>
    <message>
        <source>Dismissed. The note is in the audit trail.</source>
        <translation>Descartado. La nota está en el registro de auditoría.</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
</context>
<context>
    <name>compose::FindingsPanel</name>
    <message>
        <source>Stripe says checkout session %1 was paid (%2), but no payment is recorded: Stripe&apos;s webhook never arrived.</source>
        <translation>Según Stripe, la sesión de pago %1 se pagó (%2), pero no hay ningún pago registrado: el webhook de Stripe nunca llegó.</translation>
    </message>
    <message>
        <source>Stripe has refund %1 (%2, %3) that the database does not know.</source>
        <translation>Stripe tiene el reembolso %1 (%2, %3), que la base de datos no conoce.</translation>
    </message>
    <message>
        <source>Stripe says refund %1 is %2 (%3); the database says %4 (%5).</source>
        <translation>Según Stripe, el reembolso %1 está %2 (%3); según la base de datos, %4 (%5).</translation>
    </message>
    <message>
        <source>Stripe has a payment of %1 (%2) that names no form we know.</source>
        <translation>Stripe tiene un pago de %1 (%2) que no indica ningún formulario conocido.</translation>
    </message>
    <message>
        <source>Stripe charged %1 for checkout session %2, but the order records %3.</source>
        <translation>Stripe cobró %1 por la sesión de pago %2, pero el pedido registra %3.</translation>
    </message>
    <message>
        <source>Reconciliation found &quot;%1&quot; for Stripe object %2.</source>
        <translation>La conciliación encontró «%1» para el objeto de Stripe %2.</translation>
    </message>
    <message>
        <source>Found %1 · finding %2</source>
        <translation>Encontrado %1 · hallazgo %2</translation>
    </message>
    <message>
        <source>Found %1 · payment intent %2 · finding %3</source>
        <translation>Encontrado %1 · payment intent %2 · hallazgo %3</translation>
    </message>
    <message numerus="yes">
        <source>Needs attention: %n finding(s) from reconciliation with Stripe.</source>
        <translation>
            <numerusform>Requiere atención: %n hallazgo de la conciliación con Stripe.</numerusform>
            <numerusform>Requiere atención: %n hallazgos de la conciliación con Stripe.</numerusform>
        </translation>
    </message>
    <message>
        <source>Apply…</source>
        <translation>Aplicar…</translation>
    </message>
    <message>
        <source>Dismiss…</source>
        <translation>Descartar…</translation>
    </message>
    <message>
        <source>The API is not available.</source>
        <translation>La API no está disponible.</translation>
    </message>
    <message>
        <source>Record what Stripe says, as its webhook would have.</source>
        <translation>Registrar lo que dice Stripe, como lo habría hecho su webhook.</translation>
    </message>
    <message>
        <source>Close the finding with a note saying why.</source>
        <translation>Cerrar el hallazgo con una nota que explique el motivo.</translation>
    </message>
</context>
<context>
    <name>compose::FormClipboard</name>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Editar</translation>
    </message>
    <message>
        <source>Copy form &amp;id</source>
        <translation>Copiar el &amp;id del formulario</translation>
    </message>
    <message>
        <source>Copy customer &amp;e-mail</source>
        <translation>Copiar el &amp;correo del cliente</translation>
    </message>
    <message>
        <source>Copy &amp;share link</source>
        <translation>Copiar el &amp;enlace para compartir</translation>
    </message>
    <message>
        <source>Copy &amp;payment intent</source>
        <translation>Copiar el &amp;payment intent</translation>
    </message>
    <message>
        <source>Open in S&amp;tripe</source>
        <translation>Abrir en S&amp;tripe</translation>
    </message>
    <message>
        <source>form id</source>
        <translation>id del formulario</translation>
    </message>
    <message>
        <source>e-mail</source>
        <translation>correo</translation>
    </message>
    <message>
        <source>payment intent</source>
        <translation>payment intent</translation>
    </message>
    <message>
        <source>Form %1 has no share link yet: it was not delivered.</source>
        <translation>El formulario %1 aún no tiene enlace para compartir: no se ha entregado.</translation>
    </message>
    <message>
        <source>share link</source>
        <translation>enlace para compartir</translation>
    </message>
    <message>
        <source>Could not read the share link: %1</source>
        <translation>No se pudo leer el enlace para compartir: %1</translation>
    </message>
    <message>
        <source>Open in S&amp;tripe (live)</source>
        <translation>Abrir en S&amp;tripe (modo real)</translation>
    </message>
    <message>
        <source>Open in S&amp;tripe (test mode)</source>
        <translation>Abrir en S&amp;tripe (modo de prueba)</translation>
    </message>
    <message>
        <source>Nothing to copy: the form has no %1.</source>
        <translation>Nada que copiar: el formulario no tiene %1.</translation>
    </message>
    <message>
        <source>Copied the %1: %2</source>
        <translation>Copiado (%1): %2</translation>
    </message>
    <message>
        <source>This form has no Stripe payment to open.</source>
        <translation>Este formulario no tiene ningún pago de Stripe que abrir.</translation>
    </message>
    <message>
        <source>Opened %1 in Stripe.</source>
        <translation>Se abrió %1 en Stripe.</translation>
    </message>
    <message>
        <source>Copied: %1</source>
        <translation>Copiado: %1</translation>
    </message>
</context>
<context>
    <name>compose::FormDetailModel</name>
    <message>
        <source>Form %1 does not exist (any more).</source>
        <translation>El formulario %1 no existe (ya).</translation>
    </message>
</context>
<context>
    <name>compose::FormDetailView</name>
    <message>
        <source>Requested by customer</source>
        <translation>Solicitado por el cliente</translation>
    </message>
    <message>
        <source>Duplicate payment</source>
        <translation>Pago duplicado</translation>
    </message>
    <message>
        <source>Fraudulent</source>
        <translation>Fraudulento</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Otro</translation>
    </message>
    <message>
        <source>succeeded</source>
        <translation>completado</translation>
    </message>
    <message>
        <source>pending at Stripe</source>
        <translation>pendiente en Stripe</translation>
    </message>
    <message>
        <source>needs action at Stripe</source>
        <translation>requiere acción en Stripe</translation>
    </message>
    <message>
        <source>failed (nothing refunded)</source>
        <translation>fallido (no se reembolsó nada)</translation>
    </message>
    <message>
        <source>canceled (nothing refunded)</source>
        <translation>cancelado (no se reembolsó nada)</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Reintentar</translation>
    </message>
    <message>
        <source>Refreshing…</source>
        <translation>Actualizando…</translation>
    </message>
    <message>
        <source>Raw form_data JSON</source>
        <translation>JSON form_data sin procesar</translation>
    </message>
    <message>
        <source>Refunds</source>
        <translation>Reembolsos</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Importe</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
    <message>
        <source>By</source>
        <translation>Por</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Cuándo</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Situación</translation>
    </message>
    <message>
        <source>Refund id</source>
        <translation>Id de reembolso</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>Pedidos</translation>
    </message>
    <message>
        <source>No order rows for this form.</source>
        <translation>No hay filas de pedido para este formulario.</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Pedido</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Checkout session</source>
        <translation>Sesión de pago</translation>
    </message>
    <message>
        <source>Package</source>
        <translation>Paquete</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Creado</translation>
    </message>
    <message>
        <source>This database has no status history table (compose_form_events): only the current status is known. Apply the dashboard&apos;s migrations to record history.</source>
        <translation>Esta base de datos no tiene tabla de historial de estados (compose_form_events): solo se conoce el estado actual. Aplique las migraciones del panel para registrar el historial.</translation>
    </message>
    <message>
        <source>From</source>
        <translation>De</translation>
    </message>
    <message>
        <source>To</source>
        <translation>A</translation>
    </message>
    <message>
        <source>no expiry set</source>
        <translation>sin caducidad</translation>
    </message>
    <message>
        <source>Select a form in the list to see it here.</source>
        <translation>Seleccione un formulario en la lista para verlo aquí.</translation>
    </message>
    <message>
        <source>Loading form %1…</source>
        <translation>Cargando el formulario %1…</translation>
    </message>
    <message>
        <source>Form %1 was not found. It may have been deleted.</source>
        <translation>No se encontró el formulario %1. Puede que se haya eliminado.</translation>
    </message>
    <message>
        <source>⚠ Could not refresh: %1</source>
        <translation>⚠ No se pudo actualizar: %1</translation>
    </message>
    <message>
        <source>Could not load form %1:
%2</source>
        <translation>No se pudo cargar el formulario %1:
%2</translation>
    </message>
    <message>
        <source>unknown status: %1</source>
        <translation>estado desconocido: %1</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>(vacío)</translation>
    </message>
    <message>
        <source>For %1 · from %2</source>
        <translation>Para %1 · de %2</translation>
    </message>
    <message>
        <source>Guest: %1</source>
        <translation>Invitado: %1</translation>
    </message>
    <message>
        <source>Customer: %1 (user %2)</source>
        <translation>Cliente: %1 (usuario %2)</translation>
    </message>
    <message>
        <source>Created %1 · updated %2 ·</source>
        <translation>Creado %1 · actualizado %2 ·</translation>
    </message>
    <message>
        <source>%1, does not expire</source>
        <translation>%1, no caduca</translation>
    </message>
    <message>
        <source>paid</source>
        <translation>pagado</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Song %1</source>
        <translation>Canción %1</translation>
    </message>
    <message>
        <source>No prompts were generated.</source>
        <translation>No se generaron prompts.</translation>
    </message>
    <message numerus="yes">
        <source>%n variation(s)</source>
        <translation>
            <numerusform>%n variación</numerusform>
            <numerusform>%n variaciones</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n disagree(s) with music_generations (highlighted)</source>
        <translation>
            <numerusform>%n no coincide con music_generations (resaltada)</numerusform>
            <numerusform>%n no coinciden con music_generations (resaltadas)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failed</source>
        <translation>
            <numerusform>%n fallida</numerusform>
            <numerusform>%n fallidas</numerusform>
        </translation>
    </message>
    <message>
        <source>Form data problem: %1</source>
        <translation>Problema con los datos del formulario: %1</translation>
    </message>
    <message>
        <source>No fields could be read.</source>
        <translation>No se pudo leer ningún campo.</translation>
    </message>
    <message>
        <source>Payment intent</source>
        <translation>Payment intent</translation>
    </message>
    <message>
        <source>Amount paid</source>
        <translation>Importe pagado</translation>
    </message>
    <message>
        <source>not paid</source>
        <translation>no pagado</translation>
    </message>
    <message>
        <source>Paid at</source>
        <translation>Pagado el</translation>
    </message>
    <message>
        <source>Payment</source>
        <translation>Pago</translation>
    </message>
    <message>
        <source>This database has no refund table (compose_refunds): refunds are not known here. Apply the dashboard&apos;s migrations to record them.</source>
        <translation>Esta base de datos no tiene tabla de reembolsos (compose_refunds): aquí no se conocen los reembolsos. Aplique las migraciones del panel para registrarlos.</translation>
    </message>
    <message>
        <source>No refunds.</source>
        <translation>Sin reembolsos.</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>desconocido</translation>
    </message>
    <message>
        <source>The form names user %1, but there is no such row in the &quot;user&quot; table.</source>
        <translation>El formulario indica el usuario %1, pero no hay ninguna fila así en la tabla «user».</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Guest (no account)</source>
        <translation>Invitado (sin cuenta)</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>Correo</translation>
    </message>
    <message>
        <source>Registered user</source>
        <translation>Usuario registrado</translation>
    </message>
    <message>
        <source>User id</source>
        <translation>Id de usuario</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Credits</source>
        <translation>Créditos</translation>
    </message>
    <message>
        <source>refunded</source>
        <translation>reembolsado</translation>
    </message>
    <message>
        <source>Form</source>
        <translation>Formulario</translation>
    </message>
    <message>
        <source>Prompts</source>
        <translation>Prompts</translation>
    </message>
    <message>
        <source>Variations</source>
        <translation>Variaciones</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Cliente</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Historial</translation>
    </message>
    <message>
        <source>Variations (%1) ⚠</source>
        <translation>Variaciones (%1) ⚠</translation>
    </message>
    <message>
        <source>Variations (%1)</source>
        <translation>Variaciones (%1)</translation>
    </message>
    <message>
        <source>%1 (duplicate payment)</source>
        <translation>%1 (pago duplicado)</translation>
    </message>
    <message numerus="yes">
        <source>expires in %n minute(s)</source>
        <translation>
            <numerusform>caduca en %n minuto</numerusform>
            <numerusform>caduca en %n minutos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>expired %n minute(s) ago</source>
        <translation>
            <numerusform>caducó hace %n minuto</numerusform>
            <numerusform>caducó hace %n minutos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>expires in %n hour(s)</source>
        <translation>
            <numerusform>caduca en %n hora</numerusform>
            <numerusform>caduca en %n horas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>expired %n hour(s) ago</source>
        <translation>
            <numerusform>caducó hace %n hora</numerusform>
            <numerusform>caducó hace %n horas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>expires in %n day(s)</source>
        <translation>
            <numerusform>caduca en %n día</numerusform>
            <numerusform>caduca en %n días</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>expired %n day(s) ago</source>
        <translation>
            <numerusform>caducó hace %n día</numerusform>
            <numerusform>caducó hace %n días</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 · %n song(s)</source>
        <comment>package · song count</comment>
        <translation>
            <numerusform>%1 · %n canción</numerusform>
            <numerusform>%1 · %n canciones</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>refunded (%1 of %2; %n refund(s) not settled yet)</source>
        <translation>
            <numerusform>reembolsado (%1 de %2; %n reembolso aún sin liquidar)</numerusform>
            <numerusform>reembolsado (%1 de %2; %n reembolsos aún sin liquidar)</numerusform>
        </translation>
    </message>
    <message>
        <source>refunded (%1 of %2)</source>
        <translation>reembolsado (%1 de %2)</translation>
    </message>
    <message numerus="yes">
        <source>partly refunded (%1 of %2; %n refund(s) not settled yet)</source>
        <translation>
            <numerusform>reembolsado en parte (%1 de %2; %n reembolso aún sin liquidar)</numerusform>
            <numerusform>reembolsado en parte (%1 de %2; %n reembolsos aún sin liquidar)</numerusform>
        </translation>
    </message>
    <message>
        <source>partly refunded (%1 of %2)</source>
        <translation>reembolsado en parte (%1 de %2)</translation>
    </message>
</context>
<context>
    <name>compose::FormListModel</name>
    <message>
        <source>%1 (unknown)</source>
        <translation>%1 (desconocido)</translation>
    </message>
    <message>
        <source>— none —</source>
        <translation>— ninguno —</translation>
    </message>
    <message>
        <source>%1 (guest)</source>
        <translation>%1 (invitado)</translation>
    </message>
    <message>
        <source>Guest checkout</source>
        <translation>Compra como invitado</translation>
    </message>
    <message>
        <source>Account %1</source>
        <translation>Cuenta %1</translation>
    </message>
    <message>
        <source>Past its expiry</source>
        <translation>Pasada su caducidad</translation>
    </message>
    <message>
        <source>Expires if unpaid</source>
        <translation>Caduca si no se paga</translation>
    </message>
    <message>
        <source>This column cannot be sorted: it is not indexed in the shop&apos;s database.</source>
        <translation>Esta columna no se puede ordenar: no está indexada en la base de datos de la tienda.</translation>
    </message>
    <message>
        <source>Form</source>
        <translation>Formulario</translation>
    </message>
    <message>
        <source>Recipient</source>
        <translation>Destinatario</translation>
    </message>
    <message>
        <source>Sender</source>
        <translation>Remitente</translation>
    </message>
    <message>
        <source>Package</source>
        <translation>Paquete</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>Correo</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>Pagado</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Creado</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>Actualizado</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>Caduca</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Cargando…</translation>
    </message>
    <message>
        <source>Failed, stuck, refunded, paid twice, preview expiring. Show only one kind with Needs attention in the filter bar.</source>
        <translation>Fallido, atascado, reembolsado, pagado dos veces, vista previa a punto de caducar. Para mostrar solo un tipo, use «Requiere atención» en la barra de filtros.</translation>
    </message>
    <message>
        <source>Flags</source>
        <translation>Indicadores</translation>
    </message>
</context>
<context>
    <name>compose::FormListView</name>
    <message>
        <source>Up / Down</source>
        <translation>Arriba / Abajo</translation>
    </message>
    <message>
        <source>Move in the form list; the detail follows</source>
        <translation>Moverse por la lista de formularios; el detalle la sigue</translation>
    </message>
    <message>
        <source>Enter</source>
        <translation>Intro</translation>
    </message>
    <message>
        <source>From the list, go to the detail pane</source>
        <translation>Pasar de la lista al panel de detalle</translation>
    </message>
</context>
<context>
    <name>compose::FunnelExport</name>
    <message>
        <source>Export funnel as CSV</source>
        <translation>Exportar el embudo como CSV</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Archivos CSV (*.csv)</translation>
    </message>
    <message>
        <source>Funnel written to %1</source>
        <translation>Embudo guardado en %1</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>Falló la exportación</translation>
    </message>
    <message>
        <source>Could not write %1:
%2</source>
        <translation>No se pudo escribir %1:
%2</translation>
    </message>
</context>
<context>
    <name>compose::FunnelModel</name>
    <message>
        <source>(empty)</source>
        <translation>(vacío)</translation>
    </message>
    <message>
        <source>Statuses this dashboard does not know:
%1</source>
        <translation>Estados que este panel no conoce:
%1</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Etapa</translation>
    </message>
    <message>
        <source>In stage now</source>
        <translation>En la etapa ahora</translation>
    </message>
    <message>
        <source>Reached</source>
        <translation>Alcanzado</translation>
    </message>
    <message>
        <source>Of created</source>
        <translation>De los creados</translation>
    </message>
    <message>
        <source>From previous</source>
        <translation>De la anterior</translation>
    </message>
</context>
<context>
    <name>compose::FunnelWidget</name>
    <message>
        <source>Status funnel</source>
        <translation>Embudo de estados</translation>
    </message>
    <message>
        <source>Funnel: arrows, Enter</source>
        <translation>Embudo: flechas, Intro</translation>
    </message>
    <message>
        <source>Choose a stage to list only its forms (again to clear)</source>
        <translation>Elegir una etapa para listar solo sus formularios (otra vez para quitar)</translation>
    </message>
    <message>
        <source>Esc (funnel)</source>
        <translation>Esc (embudo)</translation>
    </message>
    <message>
        <source>Clear the stage filter</source>
        <translation>Quitar el filtro de etapa</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Etapa</translation>
    </message>
    <message>
        <source>Reached</source>
        <translation>Alcanzado</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>Ahora</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>Proporción</translation>
    </message>
    <message>
        <source>Conv.</source>
        <translation>Conv.</translation>
    </message>
    <message>
        <source>Could not load the funnel: %1</source>
        <translation>No se pudo cargar el embudo: %1</translation>
    </message>
    <message>
        <source>Not current — waiting for the connection</source>
        <translation>No actualizado — esperando la conexión</translation>
    </message>
    <message>
        <source>Updating…</source>
        <translation>Actualizando…</translation>
    </message>
    <message>
        <source>No forms were created in this range.</source>
        <translation>No se crearon formularios en este periodo.</translation>
    </message>
    <message>
        <source>reached this stage</source>
        <translation>alcanzaron esta etapa</translation>
    </message>
    <message>
        <source>in this status now</source>
        <translation>están ahora en este estado</translation>
    </message>
    <message>
        <source>Left the path</source>
        <translation>Salieron del camino</translation>
    </message>
    <message>
        <source>%1 reached this stage, %2 are in it now</source>
        <translation>%1 alcanzaron esta etapa, %2 están en ella ahora</translation>
    </message>
    <message>
        <source>Share of the first stage: %1</source>
        <translation>Proporción de la primera etapa: %1</translation>
    </message>
    <message>
        <source>Conversion from the previous stage: %1</source>
        <translation>Conversión desde la etapa anterior: %1</translation>
    </message>
    <message>
        <source>Statuses not known to the dashboard:</source>
        <translation>Estados que el panel no conoce:</translation>
    </message>
    <message>
        <source>Click to show all statuses</source>
        <translation>Haga clic para mostrar todos los estados</translation>
    </message>
    <message>
        <source>Click to list only these forms</source>
        <translation>Haga clic para listar solo estos formularios</translation>
    </message>
    <message numerus="yes">
        <source>%Ln form(s)</source>
        <translation>
            <numerusform>%Ln formulario</numerusform>
            <numerusform>%Ln formularios</numerusform>
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
        <translation>Desplazarse</translation>
    </message>
</context>
<context>
    <name>compose::KeyboardNavigation</name>
    <message>
        <source>&amp;Go</source>
        <translation>&amp;Ir</translation>
    </message>
    <message>
        <source>Command &amp;palette…</source>
        <translation>&amp;Paleta de comandos…</translation>
    </message>
    <message>
        <source>Command palette: run any action or open any form by typing</source>
        <translation>Paleta de comandos: ejecutar cualquier acción o abrir cualquier formulario escribiendo</translation>
    </message>
    <message>
        <source>Form &amp;list</source>
        <translation>&amp;Lista de formularios</translation>
    </message>
    <message>
        <source>Go to the form list</source>
        <translation>Ir a la lista de formularios</translation>
    </message>
    <message>
        <source>&amp;Customer&apos;s forms…</source>
        <translation>Formularios del &amp;cliente…</translation>
    </message>
    <message>
        <source>Every form of this form&apos;s customer (account or e-mail), paid, refunded, delivered</source>
        <translation>Todos los formularios del cliente de este formulario (cuenta o correo): pagados, reembolsados, entregados</translation>
    </message>
    <message>
        <source>Detail tab %1</source>
        <translation>Pestaña de detalle %1</translation>
    </message>
    <message>
        <source>Detail tab %1: %2</source>
        <translation>Pestaña de detalle %1: %2</translation>
    </message>
    <message>
        <source>Show the detail&apos;s %1 tab</source>
        <translation>Mostrar la pestaña %1 del detalle</translation>
    </message>
</context>
<context>
    <name>compose::ListHint</name>
    <message numerus="yes">
        <source>%n form(s) matching the search are hidden by the status, package or date filter.</source>
        <translation>
            <numerusform>%n formulario que coincide con la búsqueda está oculto por el filtro de estado, paquete o fecha.</numerusform>
            <numerusform>%n formularios que coinciden con la búsqueda están ocultos por el filtro de estado, paquete o fecha.</numerusform>
        </translation>
    </message>
    <message>
        <source>No form matches “%1”.</source>
        <translation>Ningún formulario coincide con «%1».</translation>
    </message>
    <message>
        <source>No form matches the status, package and date filter.</source>
        <translation>Ningún formulario coincide con el filtro de estado, paquete y fecha.</translation>
    </message>
    <message>
        <source>There are no forms in this database yet.</source>
        <translation>Aún no hay formularios en esta base de datos.</translation>
    </message>
    <message>
        <source>The search looks for a form id, an e-mail, a recipient, a share link, an order id, a Stripe checkout session or payment intent.</source>
        <translation>La búsqueda busca un id de formulario, un correo, un destinatario, un enlace para compartir, un id de pedido, una sesión de pago o un payment intent de Stripe.</translation>
    </message>
</context>
<context>
    <name>compose::ListTools</name>
    <message>
        <source>E&amp;xport list as CSV…</source>
        <translation>E&amp;xportar la lista como CSV…</translation>
    </message>
    <message>
        <source>Export the list as CSV (the selected rows when several are selected)</source>
        <translation>Exportar la lista como CSV (las filas seleccionadas, si hay varias seleccionadas)</translation>
    </message>
    <message>
        <source>&amp;Save view as…</source>
        <translation>&amp;Guardar vista como…</translation>
    </message>
    <message>
        <source>Save the filters, status, sort and search as a named view</source>
        <translation>Guardar los filtros, el estado, el orden y la búsqueda como una vista con nombre</translation>
    </message>
    <message>
        <source>Saved &amp;views</source>
        <translation>&amp;Vistas guardadas</translation>
    </message>
    <message>
        <source>List &amp;columns</source>
        <translation>C&amp;olumnas de la lista</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n form(s) to %1.</source>
        <translation>
            <numerusform>Se exportó %n formulario a %1.</numerusform>
            <numerusform>Se exportaron %n formularios a %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>The export failed: %1</source>
        <translation>Falló la exportación: %1</translation>
    </message>
    <message>
        <source>Not connected to a database.</source>
        <translation>No conectado a ninguna base de datos.</translation>
    </message>
    <message numerus="yes">
        <source>Export %n selected form(s)</source>
        <translation>
            <numerusform>Exportar %n formulario seleccionado</numerusform>
            <numerusform>Exportar %n formularios seleccionados</numerusform>
        </translation>
    </message>
    <message>
        <source>Export the list</source>
        <translation>Exportar la lista</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Archivos CSV (*.csv)</translation>
    </message>
    <message>
        <source>Save view</source>
        <translation>Guardar vista</translation>
    </message>
    <message>
        <source>Name of this view (filters, status, sort and search):</source>
        <translation>Nombre de esta vista (filtros, estado, orden y búsqueda):</translation>
    </message>
    <message>
        <source>No saved views yet</source>
        <translation>Aún no hay vistas guardadas</translation>
    </message>
    <message numerus="yes">
        <source>%n forms are selected: export at most %1 selected forms, or select one to export the whole list.</source>
        <translation>
            <numerusform>%n formulario seleccionado: exporta como máximo %1 formularios seleccionados, o selecciona uno para exportar toda la lista.</numerusform>
            <numerusform>%n formularios seleccionados: exporta como máximo %1 formularios seleccionados, o selecciona uno para exportar toda la lista.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>compose::LyricsPanel</name>
    <message>
        <source>Prompt for song %1</source>
        <translation>Prompt de la canción %1</translation>
    </message>
    <message>
        <source>No prompts were generated.</source>
        <translation>No se generaron prompts.</translation>
    </message>
    <message>
        <source>Loading titles and lyrics…</source>
        <translation>Cargando títulos y letras…</translation>
    </message>
    <message>
        <source>Song %1, variation %2, version %3</source>
        <translation>Canción %1, variación %2, versión %3</translation>
    </message>
    <message>
        <source>✓ %1: the name is there</source>
        <translation>✓ %1: el nombre aparece</translation>
    </message>
    <message>
        <source>⚠ %1: “%2” is not in the title or the lyrics</source>
        <translation>⚠ %1: «%2» no aparece en el título ni en la letra</translation>
    </message>
    <message>
        <source>MusicGPT returned no titles or lyrics for this form (music_generations has none).</source>
        <translation>MusicGPT no devolvió títulos ni letras para este formulario (music_generations no tiene ninguno).</translation>
    </message>
    <message>
        <source>The form names no recipient, so there is no name to check.</source>
        <translation>El formulario no indica ningún destinatario, así que no hay nombre que comprobar.</translation>
    </message>
    <message>
        <source>Nothing to check for “%1” yet.</source>
        <translation>Aún no hay nada que comprobar para «%1».</translation>
    </message>
    <message>
        <source>“%1” is in every version&apos;s title or lyrics.</source>
        <translation>«%1» aparece en el título o la letra de todas las versiones.</translation>
    </message>
    <message numerus="yes">
        <source>⚠ “%1” is missing from %2 of %n version(s).</source>
        <translation>
            <numerusform>⚠ «%1» falta en %2 de %n versión.</numerusform>
            <numerusform>⚠ «%1» falta en %2 de %n versiones.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>compose::MailboxDialog</name>
    <message>
        <source>Mailbox (demo)</source>
        <translation>Buzón (demostración)</translation>
    </message>
    <message>
        <source>No e-mail has arrived yet. Pay a form through the simulator and its delivery e-mail appears here.</source>
        <translation>Aún no ha llegado ningún correo. Pague un formulario con el simulador y su correo de entrega aparecerá aquí.</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Actualizar</translation>
    </message>
    <message>
        <source>To: %1
Subject: %2
Received: %3

%4</source>
        <translation>Para: %1
Asunto: %2
Recibido: %3

%4</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
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
        <translation>Conectar…</translation>
    </message>
    <message>
        <source>Could not load the form list: %1</source>
        <translation>No se pudo cargar la lista de formularios: %1</translation>
    </message>
    <message>
        <source>Tab</source>
        <translation>Tab</translation>
    </message>
    <message>
        <source>Move between the filters, the funnel, the list and the detail</source>
        <translation>Moverse entre los filtros, el embudo, la lista y el detalle</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Archivo</translation>
    </message>
    <message>
        <source>&amp;Connect…</source>
        <translation>&amp;Conectar…</translation>
    </message>
    <message>
        <source>Connect to another database</source>
        <translation>Conectar con otra base de datos</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Actualizar</translation>
    </message>
    <message>
        <source>Refresh everything</source>
        <translation>Actualizar todo</translation>
    </message>
    <message>
        <source>&amp;Export funnel as CSV…</source>
        <translation>&amp;Exportar el embudo como CSV…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ver</translation>
    </message>
    <message>
        <source>&amp;Find form…</source>
        <translation>&amp;Buscar formulario…</translation>
    </message>
    <message>
        <source>Find a form (id, e-mail, recipient, cs_…, pi_…)</source>
        <translation>Buscar un formulario (id, correo, destinatario, cs_…, pi_…)</translation>
    </message>
    <message>
        <source>Status f&amp;unnel</source>
        <translation>&amp;Embudo de estados</translation>
    </message>
    <message>
        <source>Show or hide the funnel</source>
        <translation>Mostrar u ocultar el embudo</translation>
    </message>
    <message>
        <source>Form &amp;detail</source>
        <translation>&amp;Detalle del formulario</translation>
    </message>
    <message>
        <source>Show or hide the detail pane</source>
        <translation>Mostrar u ocultar el panel de detalle</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>A&amp;yuda</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts…</source>
        <translation>&amp;Atajos de teclado…</translation>
    </message>
    <message>
        <source>&amp;About Compose Desk</source>
        <translation>&amp;Acerca de Compose Desk</translation>
    </message>
    <message>
        <source>&amp;Audio</source>
        <translation>A&amp;udio</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Atajos de teclado</translation>
    </message>
    <message>
        <source>About Compose Desk</source>
        <translation>Acerca de Compose Desk</translation>
    </message>
    <message>
        <source>Compose Desk %1
The support dashboard for personalised song gifts: see where every form is in its flow and look into any one of them.</source>
        <translation>Compose Desk %1
El panel de soporte para canciones personalizadas de regalo: vea en qué punto de su flujo está cada formulario y examine cualquiera de ellos.</translation>
    </message>
    <message>
        <source>Lyrics</source>
        <translation>Letras</translation>
    </message>
</context>
<context>
    <name>compose::NotesPanel</name>
    <message>
        <source>Internal notes</source>
        <translation>Notas internas</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Cuándo</translation>
    </message>
    <message>
        <source>By</source>
        <translation>Por</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
    <message>
        <source>Add an internal note (plain text, at most %1 characters; Ctrl+Enter adds it)</source>
        <translation>Añadir una nota interna (texto sin formato, como máximo %1 caracteres; Ctrl+Intro la añade)</translation>
    </message>
    <message>
        <source>Add note</source>
        <translation>Añadir nota</translation>
    </message>
    <message>
        <source>Stores the note through compose-api (audited)  Ctrl+Enter</source>
        <translation>Guarda la nota a través de compose-api (queda auditada)  Ctrl+Intro</translation>
    </message>
    <message>
        <source>The note was not saved: %1</source>
        <translation>La nota no se guardó: %1</translation>
    </message>
    <message>
        <source>Ctrl+Enter</source>
        <translation>Ctrl+Intro</translation>
    </message>
    <message>
        <source>In a note: add it to the form</source>
        <translation>En una nota: añadirla al formulario</translation>
    </message>
    <message>
        <source>Saving the note…</source>
        <translation>Guardando la nota…</translation>
    </message>
    <message>
        <source>This database has no notes table (compose_notes): apply the migrations to keep notes.</source>
        <translation>Esta base de datos no tiene tabla de notas (compose_notes): aplique las migraciones para guardar notas.</translation>
    </message>
    <message>
        <source>No notes yet.</source>
        <translation>Aún no hay notas.</translation>
    </message>
    <message numerus="yes">
        <source>%n note(s), newest first.</source>
        <translation>
            <numerusform>%n nota, la más reciente primero.</numerusform>
            <numerusform>%n notas, las más recientes primero.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>compose::OutboxIndicator</name>
    <message numerus="yes">
        <source>%n delivery e-mail(s) waiting: nothing is being sent.</source>
        <translation>
            <numerusform>%n correo de entrega en espera: no se está enviando nada.</numerusform>
            <numerusform>%n correos de entrega en espera: no se está enviando nada.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n delivery e-mail(s) failed; resend them from the form&apos;s Deliveries tab.</source>
        <translation>
            <numerusform>Falló %n correo de entrega; reenvíelo desde la pestaña Entregas del formulario.</numerusform>
            <numerusform>Fallaron %n correos de entrega; reenvíelos desde la pestaña Entregas del formulario.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>compose::PlayerBar</name>
    <message>
        <source>Play</source>
        <translation>Reproducir</translation>
    </message>
    <message>
        <source>Back 5 seconds</source>
        <translation>Retroceder 5 segundos</translation>
    </message>
    <message>
        <source>Forward 5 seconds</source>
        <translation>Avanzar 5 segundos</translation>
    </message>
    <message>
        <source>Compare: variation %1</source>
        <translation>Comparar: variación %1</translation>
    </message>
    <message>
        <source>Switch to variation %1 at the same position (%1)</source>
        <translation>Cambiar a la variación %1 en la misma posición (%1)</translation>
    </message>
    <message>
        <source>Mute</source>
        <translation>Silenciar</translation>
    </message>
    <message>
        <source>Buffering…</source>
        <translation>Cargando búfer…</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>Comparar</translation>
    </message>
    <message>
        <source>Volume</source>
        <translation>Volumen</translation>
    </message>
    <message>
        <source>silent &gt; 2 s</source>
        <translation>silencio &gt; 2 s</translation>
    </message>
    <message>
        <source>clipped</source>
        <translation>saturado</translation>
    </message>
    <message>
        <source>Nothing playing: choose a variation to listen to it</source>
        <translation>No se reproduce nada: elija una variación para escucharla</translation>
    </message>
    <message>
        <source>Analysing the waveform…</source>
        <translation>Analizando la forma de onda…</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pausa</translation>
    </message>
    <message>
        <source>Buffering %p%</source>
        <translation>Búfer %p %</translation>
    </message>
    <message>
        <source>No audio</source>
        <translation>Sin audio</translation>
    </message>
    <message>
        <source>No long silence or clipping</source>
        <translation>Sin silencios largos ni saturación</translation>
    </message>
    <message>
        <source>Waveform unavailable: %1</source>
        <translation>Forma de onda no disponible: %1</translation>
    </message>
    <message>
        <source>Unmute</source>
        <translation>Activar sonido</translation>
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
        <translation>Canción %1</translation>
    </message>
    <message>
        <source>Variation %1</source>
        <translation>Variación %1</translation>
    </message>
    <message>
        <source>The preview stopped arriving: the audio server sent nothing for %1 s. Press play to try again.</source>
        <translation>La vista previa dejó de llegar: el servidor de audio no envió nada durante %1 s. Pulse reproducir para volver a intentarlo.</translation>
    </message>
    <message>
        <source>The preview did not load within %1 s: the network or the audio server is too slow. Press play to try again.</source>
        <translation>La vista previa no se cargó en %1 s: la red o el servidor de audio son demasiado lentos. Pulse reproducir para volver a intentarlo.</translation>
    </message>
    <message>
        <source>The preview link has expired: MusicGPT keeps MP3 files for 90 days and WAV files for 7 days (HTTP %1).</source>
        <translation>El enlace de la vista previa ha caducado: MusicGPT conserva los MP3 90 días y los WAV 7 días (HTTP %1).</translation>
    </message>
    <message>
        <source>The preview was not found on the audio server (HTTP 404).</source>
        <translation>No se encontró la vista previa en el servidor de audio (HTTP 404).</translation>
    </message>
    <message>
        <source>The audio server refused access to the preview (HTTP %1).</source>
        <translation>El servidor de audio denegó el acceso a la vista previa (HTTP %1).</translation>
    </message>
    <message>
        <source>The audio server answered with an error (HTTP %1).</source>
        <translation>El servidor de audio respondió con un error (HTTP %1).</translation>
    </message>
    <message>
        <source>The audio server did not answer in time.</source>
        <translation>El servidor de audio no respondió a tiempo.</translation>
    </message>
    <message>
        <source>Could not reach the audio server: %1.</source>
        <translation>No se pudo acceder al servidor de audio: %1.</translation>
    </message>
    <message>
        <source>The link does not point to an audio file (the server sent %1).</source>
        <translation>El enlace no apunta a un archivo de audio (el servidor envió %1).</translation>
    </message>
    <message>
        <source>The preview cannot be played: its audio format is not supported or the file is damaged.</source>
        <translation>No se puede reproducir la vista previa: su formato de audio no es compatible o el archivo está dañado.</translation>
    </message>
</context>
<context>
    <name>compose::StaffActions</name>
    <message>
        <source>No API is configured: the dashboard is read-only. Start it with --api-url and a staff token (COMPOSE_API_TOKEN) to act on forms.</source>
        <translation>No hay ninguna API configurada: el panel es de solo lectura. Inícielo con --api-url y un token de personal (COMPOSE_API_TOKEN) para actuar sobre los formularios.</translation>
    </message>
    <message>
        <source>Read-only: %1</source>
        <translation>Solo lectura: %1</translation>
    </message>
    <message>
        <source>Read-only: no staff token. Enter one with the &quot;Staff token…&quot; button at the top of the window.</source>
        <translation>Solo lectura: no hay token de personal. Introduzca uno con el botón «Token de personal…» en la parte superior de la ventana.</translation>
    </message>
    <message>
        <source>Checking the API at %1…</source>
        <translation>Comprobando la API en %1…</translation>
    </message>
    <message>
        <source>The API is not available.</source>
        <translation>La API no está disponible.</translation>
    </message>
    <message>
        <source>Refunds need the admin role; you are signed in as %1 (%2).</source>
        <translation>Los reembolsos requieren el rol de administrador; ha iniciado sesión como %1 (%2).</translation>
    </message>
    <message>
        <source>An action on this form is in progress.</source>
        <translation>Hay una acción en curso sobre este formulario.</translation>
    </message>
    <message>
        <source>No variation of this form has failed (a failed one that was retried counts by its new attempt): there is nothing to retry.</source>
        <translation>Ninguna variación de este formulario ha fallado (una fallida que se reintentó cuenta por su nuevo intento): no hay nada que reintentar.</translation>
    </message>
    <message>
        <source>The form has no recorded payment amount to refund.</source>
        <translation>El formulario no tiene un importe de pago registrado que reembolsar.</translation>
    </message>
    <message>
        <source>The form has no Stripe payment intent to refund.</source>
        <translation>El formulario no tiene un payment intent de Stripe que reembolsar.</translation>
    </message>
    <message>
        <source>Apply finding %1 (%2)</source>
        <translation>Aplicar el hallazgo %1 (%2)</translation>
    </message>
    <message>
        <source>Dismiss finding %1 (%2)</source>
        <translation>Descartar el hallazgo %1 (%2)</translation>
    </message>
    <message>
        <source>Refund the duplicate payment %1 (order %2) of form %3</source>
        <translation>Reembolsar el pago duplicado %1 (pedido %2) del formulario %3</translation>
    </message>
    <message>
        <source>This finding was already resolved.</source>
        <translation>Este hallazgo ya se resolvió.</translation>
    </message>
    <message>
        <source>There is nothing to apply for this kind of finding: deal with it at Stripe, then dismiss it with a note.</source>
        <translation>No hay nada que aplicar para este tipo de hallazgo: resuélvalo en Stripe y después descártelo con una nota.</translation>
    </message>
</context>
<context>
    <name>compose::StaffActionsPresenter</name>
    <message>
        <source>Check again</source>
        <translation>Comprobar de nuevo</translation>
    </message>
    <message>
        <source>Staff token…</source>
        <translation>Token de personal…</translation>
    </message>
    <message>
        <source>Signed in as %1 (%2)</source>
        <translation>Sesión iniciada como %1 (%2)</translation>
    </message>
    <message>
        <source>Read-only</source>
        <translation>Solo lectura</translation>
    </message>
    <message>
        <source>Play song %1, variation %2</source>
        <translation>Reproducir canción %1, variación %2</translation>
    </message>
    <message>
        <source>Retry song %1, variation %2…</source>
        <translation>Reintentar canción %1, variación %2…</translation>
    </message>
    <message>
        <source>Song %1, variation %2 did not fail: there is nothing to retry.</source>
        <translation>La canción %1, variación %2 no falló: no hay nada que reintentar.</translation>
    </message>
    <message>
        <source>Audit</source>
        <translation>Auditoría</translation>
    </message>
    <message>
        <source>A&amp;ctions</source>
        <translation>A&amp;cciones</translation>
    </message>
    <message>
        <source>Add &amp;note…</source>
        <translation>Añadir &amp;nota…</translation>
    </message>
    <message>
        <source>Write an internal note on the form (History tab; Ctrl+Enter adds it)</source>
        <translation>Escribir una nota interna en el formulario (pestaña Historial; Ctrl+Intro la añade)</translation>
    </message>
    <message>
        <source>Done: %1.</source>
        <translation>Hecho: %1.</translation>
    </message>
    <message>
        <source>Not done: %1. %2</source>
        <translation>No se hizo: %1. %2</translation>
    </message>
    <message>
        <source>Refund this duplicate payment…</source>
        <translation>Reembolsar este pago duplicado…</translation>
    </message>
    <message>
        <source>Order %1 is the form&apos;s own payment: use Refund.</source>
        <translation>El pedido %1 es el pago propio del formulario: use «Reembolsar».</translation>
    </message>
    <message>
        <source>Order %1 is already refunded.</source>
        <translation>El pedido %1 ya está reembolsado.</translation>
    </message>
    <message>
        <source>Refund duplicate payment</source>
        <translation>Reembolsar pago duplicado</translation>
    </message>
    <message>
        <source>Refund %1 of order %2 (a second payment of form %3) to the customer? The form&apos;s own payment stays as it is.</source>
        <translation>¿Reembolsar al cliente %1 del pedido %2 (un segundo pago del formulario %3)? El pago propio del formulario se mantiene tal cual.</translation>
    </message>
    <message>
        <source>Select an order.</source>
        <translation>Seleccione un pedido.</translation>
    </message>
</context>
<context>
    <name>compose::TokenStore</name>
    <message>
        <source>The system keychain is not available (%1); the token is kept for this session only.</source>
        <translation>El llavero del sistema no está disponible (%1); el token solo se conserva durante esta sesión.</translation>
    </message>
    <message>
        <source>The token could not be stored in the system keychain (%1); it is kept for this session only.</source>
        <translation>No se pudo guardar el token en el llavero del sistema (%1); solo se conserva durante esta sesión.</translation>
    </message>
</context>
<context>
    <name>compose::VariationTableModel</name>
    <message>
        <source>yes</source>
        <translation>sí</translation>
    </message>
    <message>
        <source>no</source>
        <translation>no</translation>
    </message>
    <message>
        <source>— none —</source>
        <translation>— ninguno —</translation>
    </message>
    <message>
        <source>not started</source>
        <translation>no iniciada</translation>
    </message>
    <message>
        <source>no generation row</source>
        <translation>sin fila de generación</translation>
    </message>
    <message>
        <source>— missing —</source>
        <translation>— falta —</translation>
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
        <translation>⚠ URL no válida: %1</translation>
    </message>
    <message>
        <source>selected</source>
        <translation>seleccionada</translation>
    </message>
    <message>
        <source>The preview plays for %1, but its generation record (music_generations) says %2.</source>
        <translation>La vista previa dura %1, pero su registro de generación (music_generations) indica %2.</translation>
    </message>
    <message>
        <source>Length of the preview as played: %1.</source>
        <translation>Duración de la vista previa al reproducirla: %1.</translation>
    </message>
    <message>
        <source>Song</source>
        <translation>Canción</translation>
    </message>
    <message>
        <source>Var.</source>
        <translation>Var.</translation>
    </message>
    <message>
        <source>Task id</source>
        <translation>Id de tarea</translation>
    </message>
    <message>
        <source>Generation</source>
        <translation>Generación</translation>
    </message>
    <message>
        <source>Length</source>
        <translation>Duración</translation>
    </message>
    <message>
        <source>Audio</source>
        <translation>Audio</translation>
    </message>
    <message>
        <source>Selected</source>
        <translation>Seleccionada</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>Pagada</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>Compartir</translation>
    </message>
    <message>
        <source>Disagreements</source>
        <translation>Discrepancias</translation>
    </message>
    <message>
        <source>Stop song %1, variation %2</source>
        <translation>Detener canción %1, variación %2</translation>
    </message>
    <message>
        <source>Play song %1, variation %2</source>
        <translation>Reproducir canción %1, variación %2</translation>
    </message>
</context>
<context>
    <name>compose::WaveformAnalyzer</name>
    <message>
        <source>The waveform could not be computed: the audio did not finish loading in time.</source>
        <translation>No se pudo calcular la forma de onda: el audio no terminó de cargarse a tiempo.</translation>
    </message>
    <message>
        <source>The waveform could not be computed: %1</source>
        <translation>No se pudo calcular la forma de onda: %1</translation>
    </message>
    <message>
        <source>the audio could not be decoded.</source>
        <translation>no se pudo decodificar el audio.</translation>
    </message>
    <message>
        <source>The waveform could not be computed: the file holds no audio.</source>
        <translation>No se pudo calcular la forma de onda: el archivo no contiene audio.</translation>
    </message>
</context>
<context>
    <name>compose::WaveformWidget</name>
    <message>
        <source>silent</source>
        <translation>silencio</translation>
    </message>
    <message>
        <source>Waveform</source>
        <translation>Forma de onda</translation>
    </message>
</context>
<context>
    <name>compose::Zoom</name>
    <message>
        <source>Zoom &amp;in</source>
        <translation>&amp;Ampliar</translation>
    </message>
    <message>
        <source>Zoom &amp;out</source>
        <translation>&amp;Reducir</translation>
    </message>
    <message>
        <source>&amp;Normal size</source>
        <translation>Tamaño &amp;normal</translation>
    </message>
</context>
</TS>

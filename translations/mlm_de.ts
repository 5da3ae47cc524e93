<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>ApiKeys</name>
    <message>
        <source>a key&apos;s label has at most 200 characters</source>
        <translation>die Bezeichnung eines Schlüssels hat höchstens 200 Zeichen</translation>
    </message>
    <message>
        <source>no API key &apos;%1&apos;</source>
        <translation>kein API-Schlüssel &apos;%1&apos;</translation>
    </message>
    <message>
        <source>API key %1 was revoked on %2</source>
        <translation>der API-Schlüssel %1 wurde am %2 widerrufen</translation>
    </message>
    <message>
        <source>the API key is not valid</source>
        <translation>der API-Schlüssel ist nicht gültig</translation>
    </message>
</context>
<context>
    <name>Catalog</name>
    <message>
        <source>no price tier &apos;%1&apos;</source>
        <translation>keine Preisstufe &apos;%1&apos;</translation>
    </message>
    <message>
        <source>tier code &apos;%1&apos; is not valid: use 2-32 characters of a-z, 0-9 and _</source>
        <translation>der Stufencode &apos;%1&apos; ist nicht gültig: 2-32 Zeichen aus a-z, 0-9 und _</translation>
    </message>
    <message>
        <source>a tier needs a name</source>
        <translation>eine Preisstufe braucht einen Namen</translation>
    </message>
    <message>
        <source>the tier &apos;%1&apos; exists already</source>
        <translation>die Preisstufe &apos;%1&apos; gibt es bereits</translation>
    </message>
    <message>
        <source>unknown sku &apos;%1&apos;</source>
        <translation>unbekannte SKU &apos;%1&apos;</translation>
    </message>
    <message>
        <source>sku &apos;%1&apos; is not valid: 1-64 characters without spaces</source>
        <translation>die SKU &apos;%1&apos; ist nicht gültig: 1-64 Zeichen ohne Leerzeichen</translation>
    </message>
    <message>
        <source>product %1 needs a name</source>
        <translation>das Produkt %1 braucht einen Namen</translation>
    </message>
    <message>
        <source>product %1: pv and bv must be 0 or more</source>
        <translation>Produkt %1: PV und BV müssen 0 oder mehr sein</translation>
    </message>
    <message>
        <source>product %1 needs a retail price</source>
        <translation>das Produkt %1 braucht einen Einzelhandelspreis</translation>
    </message>
    <message>
        <source>product %1: the %2 price must be 0 or more</source>
        <translation>Produkt %1: der Preis der Stufe %2 muss 0 oder mehr sein</translation>
    </message>
    <message>
        <source>the sku &apos;%1&apos; exists already</source>
        <translation>die SKU &apos;%1&apos; gibt es bereits</translation>
    </message>
    <message>
        <source>a price must be 0 or more</source>
        <translation>ein Preis muss 0 oder mehr sein</translation>
    </message>
    <message>
        <source>no product with sku &apos;%1&apos;</source>
        <translation>kein Produkt mit der SKU &apos;%1&apos;</translation>
    </message>
    <message>
        <source>%1: no price tier &apos;%2&apos;</source>
        <translation>%1: keine Preisstufe &apos;%2&apos;</translation>
    </message>
    <message>
        <source>%1: the retail price cannot be removed</source>
        <translation>%1: der Einzelhandelspreis kann nicht entfernt werden</translation>
    </message>
    <message>
        <source>%1: the %2 price must be 0 or more</source>
        <translation>%1: der Preis der Stufe %2 muss 0 oder mehr sein</translation>
    </message>
    <message>
        <source>no price was changed: %1</source>
        <translation>kein Preis wurde geändert: %1</translation>
    </message>
</context>
<context>
    <name>CommissionRuns</name>
    <message>
        <source>the period %1 is closed: its run can no longer change</source>
        <translation>der Zeitraum %1 ist abgeschlossen: seine Abrechnung kann sich nicht mehr ändern</translation>
    </message>
    <message>
        <source>the period %1 was closed by someone else</source>
        <translation>der Zeitraum %1 wurde von jemand anderem abgeschlossen</translation>
    </message>
    <message>
        <source>the period %1 is not closed</source>
        <translation>der Zeitraum %1 ist nicht abgeschlossen</translation>
    </message>
    <message>
        <source>no member with code &apos;%1&apos;</source>
        <translation>kein Mitglied mit dem Code &apos;%1&apos;</translation>
    </message>
    <message>
        <source>the run was cancelled</source>
        <translation>die Berechnung wurde abgebrochen</translation>
    </message>
    <message>
        <source>Reading the network</source>
        <translation>Netzwerk wird gelesen</translation>
    </message>
    <message>
        <source>Reading the period&apos;s orders</source>
        <translation>Bestellungen des Zeitraums werden gelesen</translation>
    </message>
    <message>
        <source>Reading refunds to claw back</source>
        <translation>Erstattungen für Rückbuchungen werden gelesen</translation>
    </message>
    <message>
        <source>Computing</source>
        <translation>Berechnung läuft</translation>
    </message>
    <message>
        <source>Computed</source>
        <translation>Berechnet</translation>
    </message>
    <message>
        <source>a statement&apos;s first line must be 0 or more, not %1</source>
        <translation>die erste Zeile einer Abrechnung muss 0 oder größer sein, nicht %1</translation>
    </message>
</context>
<context>
    <name>CompensationPlan</name>
    <message>
        <source>plan.levels_bp must be an array of at most %1 rates</source>
        <translation>plan.levels_bp muss ein Array mit höchstens %1 Sätzen sein</translation>
    </message>
    <message>
        <source>plan.levels_bp[%1] must be a whole number of basis points from 0 to 10000</source>
        <translation>plan.levels_bp[%1] muss eine ganze Zahl von Basispunkten zwischen 0 und 10000 sein</translation>
    </message>
    <message>
        <source>plan.qualification_pv must be a whole number of hundredths of a point, 0 or more</source>
        <translation>plan.qualification_pv muss eine ganze Zahl von Hundertstelpunkten sein, 0 oder mehr</translation>
    </message>
    <message>
        <source>plan.%1 must be true or false</source>
        <translation>plan.%1 muss true oder false sein</translation>
    </message>
    <message>
        <source>the stored plan levels &apos;%1&apos; are not valid</source>
        <translation>die gespeicherten Planstufen &apos;%1&apos; sind nicht gültig</translation>
    </message>
</context>
<context>
    <name>Contact</name>
    <message>
        <source>a name is required (at most %1 characters)</source>
        <translation>ein Name ist erforderlich (höchstens %1 Zeichen)</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not an email address</source>
        <translation>&apos;%1&apos; ist keine E-Mail-Adresse</translation>
    </message>
    <message>
        <source>a phone number has at most %1 characters</source>
        <translation>eine Telefonnummer hat höchstens %1 Zeichen</translation>
    </message>
    <message>
        <source>a country has at most %1 characters</source>
        <translation>ein Land hat höchstens %1 Zeichen</translation>
    </message>
</context>
<context>
    <name>Database</name>
    <message>
        <source>the Qt SQL driver %1 is not installed</source>
        <translation>der Qt-SQL-Treiber %1 ist nicht installiert</translation>
    </message>
    <message>
        <source>cannot open %1: the folder %2 does not exist</source>
        <translation>%1 kann nicht geöffnet werden: den Ordner %2 gibt es nicht</translation>
    </message>
    <message>
        <source>cannot open %1: %2</source>
        <translation>%1 kann nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <source>cannot set up %1: %2</source>
        <translation>%1 kann nicht eingerichtet werden: %2</translation>
    </message>
    <message>
        <source>database error: %1</source>
        <translation>Datenbankfehler: %1</translation>
    </message>
    <message>
        <source>cannot begin a transaction: %1</source>
        <translation>eine Transaktion kann nicht begonnen werden: %1</translation>
    </message>
    <message>
        <source>the transaction was rolled back by an inner failure</source>
        <translation>die Transaktion wurde wegen eines inneren Fehlers zurückgerollt</translation>
    </message>
    <message>
        <source>cannot commit: %1</source>
        <translation>Festschreiben nicht möglich: %1</translation>
    </message>
    <message>
        <source>a text value %1</source>
        <translation>ein Textwert %1</translation>
    </message>
    <message>
        <source>the database %1 cannot be reached: %2; trying again</source>
        <translation>die Datenbank %1 ist nicht erreichbar: %2; neuer Versuch folgt</translation>
    </message>
    <message>
        <source>the connection was lost in a transaction</source>
        <translation>die Verbindung ging während einer Transaktion verloren</translation>
    </message>
    <message>
        <source>the connection was lost while a result was read</source>
        <translation>die Verbindung ging verloren, während ein Ergebnis gelesen wurde</translation>
    </message>
    <message>
        <source>the last attempt failed</source>
        <translation>der letzte Versuch ist fehlgeschlagen</translation>
    </message>
    <message>
        <source>the connection to the database was lost: %1</source>
        <translation>die Verbindung zur Datenbank ging verloren: %1</translation>
    </message>
    <message>
        <source>the database is busy with another writer; try again</source>
        <translation>die Datenbank ist mit einem anderen Schreibvorgang beschäftigt; bitte erneut versuchen</translation>
    </message>
</context>
<context>
    <name>DatabaseUrl</name>
    <message>
        <source>SQLite URL &apos;%1&apos; must be sqlite:///absolute/path or sqlite:relative/path</source>
        <translation>die SQLite-URL &apos;%1&apos; muss sqlite:///absoluter/pfad oder sqlite:relativer/pfad lauten</translation>
    </message>
    <message>
        <source>SQLite URL &apos;%1&apos; names no file</source>
        <translation>die SQLite-URL &apos;%1&apos; nennt keine Datei</translation>
    </message>
    <message>
        <source>PostgreSQL URL &apos;%1&apos; is not valid</source>
        <translation>die PostgreSQL-URL &apos;%1&apos; ist nicht gültig</translation>
    </message>
    <message>
        <source>PostgreSQL URL &apos;%1&apos; must name one database: postgresql://user:pass@host:port/db</source>
        <translation>die PostgreSQL-URL &apos;%1&apos; muss genau eine Datenbank nennen: postgresql://user:pass@host:port/db</translation>
    </message>
    <message>
        <source>unsupported database URL &apos;%1&apos;: use sqlite:///path.db, sqlite:path.db or postgresql://user:pass@host:port/db</source>
        <translation>nicht unterstützte Datenbank-URL &apos;%1&apos;: verwenden Sie sqlite:///pfad.db, sqlite:pfad.db oder postgresql://user:pass@host:port/db</translation>
    </message>
    <message>
        <source>warning: the password in --db can be read by every user of this machine in the process list; give the URL in $MLM_DB or a configuration file, or leave the password out and keep it in ~/.pgpass (PGPASSFILE)</source>
        <translation>Warnung: das Passwort in --db kann jeder Benutzer dieses Rechners in der Prozessliste lesen; geben Sie die URL in $MLM_DB oder einer Konfigurationsdatei an, oder lassen Sie das Passwort weg und legen Sie es in ~/.pgpass ab (PGPASSFILE)</translation>
    </message>
</context>
<context>
    <name>DatasetExporter</name>
    <message>
        <source>cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>the export was cancelled; no file was written</source>
        <translation>der Export wurde abgebrochen; es wurde keine Datei geschrieben</translation>
    </message>
</context>
<context>
    <name>DatasetImporter</name>
    <message>
        <source>a dataset file is one JSON object</source>
        <translation>eine Datensatzdatei ist ein einziges JSON-Objekt</translation>
    </message>
    <message>
        <source>%1: must be an array</source>
        <translation>%1: muss ein Array sein</translation>
    </message>
    <message>
        <source>expected &apos;,&apos; or &apos;}&apos;</source>
        <translation>&apos;,&apos; oder &apos;}&apos; erwartet</translation>
    </message>
    <message>
        <source>unexpected content after the dataset</source>
        <translation>unerwarteter Inhalt nach dem Datensatz</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>%1 is empty</source>
        <translation>%1 ist leer</translation>
    </message>
    <message>
        <source>the import was cancelled; nothing was changed</source>
        <translation>der Import wurde abgebrochen; nichts wurde geändert</translation>
    </message>
    <message>
        <source>currency: the database holds orders in %1, not %2</source>
        <translation>currency: die Datenbank enthält Bestellungen in %1, nicht in %2</translation>
    </message>
</context>
<context>
    <name>DatasetReader</name>
    <message>
        <source>&apos;external_id&apos; is required: a string of 1-128 characters</source>
        <translation>&apos;external_id&apos; ist erforderlich: eine Zeichenkette mit 1-128 Zeichen</translation>
    </message>
    <message>
        <source>store &apos;%1&apos; does not exist</source>
        <translation>den Shop &apos;%1&apos; gibt es nicht</translation>
    </message>
    <message>
        <source>duplicate external_id &apos;%1&apos; in %2</source>
        <translation>doppelte external_id &apos;%1&apos; in %2</translation>
    </message>
    <message>
        <source>store &apos;%1&apos;</source>
        <translation>Shop &apos;%1&apos;</translation>
    </message>
    <message>
        <source>the back office</source>
        <translation>das Backoffice</translation>
    </message>
    <message>
        <source>give exactly one of &apos;member&apos; and &apos;customer&apos;</source>
        <translation>geben Sie genau eines von &apos;member&apos; und &apos;customer&apos; an</translation>
    </message>
    <message>
        <source>member &apos;%1&apos; does not exist</source>
        <translation>das Mitglied &apos;%1&apos; gibt es nicht</translation>
    </message>
    <message>
        <source>a back-office order is bought by a member, not a customer</source>
        <translation>eine Backoffice-Bestellung kauft ein Mitglied, kein Kunde</translation>
    </message>
    <message>
        <source>customer &apos;%1&apos; does not exist in store &apos;%2&apos;</source>
        <translation>den Kunden &apos;%1&apos; gibt es im Shop &apos;%2&apos; nicht</translation>
    </message>
    <message>
        <source>bad status &apos;%1&apos;: use pending, paid, cancelled or refunded</source>
        <translation>ungültiger Status &apos;%1&apos;: pending, paid, cancelled oder refunded verwenden</translation>
    </message>
    <message>
        <source>a %1 order needs &apos;paid_at&apos;</source>
        <translation>eine Bestellung mit Status %1 braucht &apos;paid_at&apos;</translation>
    </message>
    <message>
        <source>a %1 order has no &apos;paid_at&apos;</source>
        <translation>eine Bestellung mit Status %1 hat kein &apos;paid_at&apos;</translation>
    </message>
    <message>
        <source>a refunded order needs &apos;refunded_at&apos;</source>
        <translation>eine erstattete Bestellung braucht &apos;refunded_at&apos;</translation>
    </message>
    <message>
        <source>only a refunded order has &apos;refunded_at&apos;</source>
        <translation>nur eine erstattete Bestellung hat &apos;refunded_at&apos;</translation>
    </message>
    <message>
        <source>&apos;refunded_at&apos; is before &apos;paid_at&apos;</source>
        <translation>&apos;refunded_at&apos; liegt vor &apos;paid_at&apos;</translation>
    </message>
    <message>
        <source>only a cancelled order has &apos;cancelled_at&apos;</source>
        <translation>nur eine stornierte Bestellung hat &apos;cancelled_at&apos;</translation>
    </message>
    <message>
        <source>unknown tier &apos;%1&apos;</source>
        <translation>unbekannte Preisstufe &apos;%1&apos;</translation>
    </message>
    <message>
        <source>&apos;lines&apos; must be an array of 1-%1 lines</source>
        <translation>&apos;lines&apos; muss ein Array mit 1-%1 Positionen sein</translation>
    </message>
    <message>
        <source>unknown sku &apos;%1&apos;</source>
        <translation>unbekannte SKU &apos;%1&apos;</translation>
    </message>
    <message>
        <source>credited member &apos;%1&apos; does not exist</source>
        <translation>das gutgeschriebene Mitglied &apos;%1&apos; gibt es nicht</translation>
    </message>
    <message>
        <source>format: expected &quot;mlm-dataset/1&quot;, found %1</source>
        <translation>format: &quot;mlm-dataset/1&quot; erwartet, %1 gefunden</translation>
    </message>
    <message>
        <source>nothing</source>
        <translation>nichts</translation>
    </message>
    <message>
        <source>currency: &apos;%1&apos; is not a three-letter ISO 4217 code</source>
        <translation>currency: &apos;%1&apos; ist kein dreibuchstabiger ISO-4217-Code</translation>
    </message>
    <message>
        <source>plan: must be an object</source>
        <translation>plan: muss ein Objekt sein</translation>
    </message>
    <message>
        <source>tier code &apos;%1&apos; is not valid: use 2-32 characters of a-z, 0-9 and _</source>
        <translation>der Stufencode &apos;%1&apos; ist nicht gültig: 2-32 Zeichen aus a-z, 0-9 und _</translation>
    </message>
    <message>
        <source>the tier &apos;%1&apos; appears twice</source>
        <translation>die Preisstufe &apos;%1&apos; kommt zweimal vor</translation>
    </message>
    <message>
        <source>&apos;prices&apos; must be an object of tier -&gt; price</source>
        <translation>&apos;prices&apos; muss ein Objekt von Stufe -&gt; Preis sein</translation>
    </message>
    <message>
        <source>prices: unknown tier &apos;%1&apos;</source>
        <translation>prices: unbekannte Preisstufe &apos;%1&apos;</translation>
    </message>
    <message>
        <source>duplicate sku &apos;%1&apos;</source>
        <translation>doppelte SKU &apos;%1&apos;</translation>
    </message>
    <message>
        <source>member code &apos;%1&apos; is not valid: use 2-32 characters of A-Z, a-z, 0-9, - and _</source>
        <translation>der Mitgliedscode &apos;%1&apos; ist nicht gültig: 2-32 Zeichen aus A-Z, a-z, 0-9, - und _</translation>
    </message>
    <message>
        <source>bad status &apos;%1&apos;: use customer, distributor, suspended or terminated</source>
        <translation>ungültiger Status &apos;%1&apos;: customer, distributor, suspended oder terminated verwenden</translation>
    </message>
    <message>
        <source>duplicate member code &apos;%1&apos;</source>
        <translation>doppelter Mitgliedscode &apos;%1&apos;</translation>
    </message>
    <message>
        <source>duplicate email &apos;%1&apos;</source>
        <translation>doppelte E-Mail-Adresse &apos;%1&apos;</translation>
    </message>
    <message>
        <source>members[%1] (code &apos;%2&apos;): sponsor &apos;%3&apos; does not exist</source>
        <translation>members[%1] (Code &apos;%2&apos;): den Sponsor &apos;%3&apos; gibt es nicht</translation>
    </message>
    <message>
        <source>members[%1] (code &apos;%2&apos;): a member cannot sponsor itself</source>
        <translation>members[%1] (Code &apos;%2&apos;): ein Mitglied kann nicht sein eigener Sponsor sein</translation>
    </message>
    <message>
        <source>members[%1] (code &apos;%2&apos;): sponsor cycle through &apos;%2&apos;</source>
        <translation>members[%1] (Code &apos;%2&apos;): Sponsorenzyklus über &apos;%2&apos;</translation>
    </message>
    <message>
        <source>bad scenario &apos;%1&apos;: use separate_channel, distributor_channel or personal_storefront</source>
        <translation>ungültiges Szenario &apos;%1&apos;: separate_channel, distributor_channel oder personal_storefront verwenden</translation>
    </message>
    <message>
        <source>default sponsor &apos;%1&apos; does not exist</source>
        <translation>den Standardsponsor &apos;%1&apos; gibt es nicht</translation>
    </message>
    <message>
        <source>unknown pinned tier &apos;%1&apos;</source>
        <translation>unbekannte feste Preisstufe &apos;%1&apos;</translation>
    </message>
    <message>
        <source>duplicate store code &apos;%1&apos;</source>
        <translation>doppelter Shop-Code &apos;%1&apos;</translation>
    </message>
    <message>
        <source>link code &apos;%1&apos; is not valid: use 4-32 characters of A-Z, a-z, 0-9 and -</source>
        <translation>der Link-Code &apos;%1&apos; ist nicht gültig: 4-32 Zeichen aus A-Z, a-z, 0-9 und -</translation>
    </message>
    <message>
        <source>duplicate link code &apos;%1&apos;</source>
        <translation>doppelter Link-Code &apos;%1&apos;</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not an email address</source>
        <translation>&apos;%1&apos; ist keine E-Mail-Adresse</translation>
    </message>
    <message>
        <source>link &apos;%1&apos; does not exist</source>
        <translation>den Link &apos;%1&apos; gibt es nicht</translation>
    </message>
    <message>
        <source>owner &apos;%1&apos; does not exist</source>
        <translation>den Inhaber &apos;%1&apos; gibt es nicht</translation>
    </message>
    <message>
        <source>duplicate customer &apos;%1&apos; in store &apos;%2&apos;</source>
        <translation>doppelter Kunde &apos;%1&apos; im Shop &apos;%2&apos;</translation>
    </message>
</context>
<context>
    <name>DemoCompany</name>
    <message>
        <source>cannot create the demo (is the database empty?)</source>
        <translation>die Demo kann nicht angelegt werden (ist die Datenbank leer?)</translation>
    </message>
    <message>
        <source>the demo needs a valid day</source>
        <translation>die Demo braucht einen gültigen Tag</translation>
    </message>
</context>
<context>
    <name>DownlineCharts</name>
    <message>
        <source>Month</source>
        <translation>Monat</translation>
    </message>
    <message>
        <source>Month (%1 to %2)</source>
        <translation>Monat (%1 bis %2)</translation>
    </message>
    <message>
        <source>%1, %2: %3</source>
        <translation>%1, %2: %3</translation>
    </message>
    <message>
        <source>%1 PV</source>
        <translation>%1 PV</translation>
    </message>
    <message>
        <source>Company volume per month</source>
        <translation>Volumen des Unternehmens pro Monat</translation>
    </message>
    <message>
        <source>Volume per month</source>
        <translation>Volumen pro Monat</translation>
    </message>
    <message>
        <source>All members&apos; volume</source>
        <translation>Volumen aller Mitglieder</translation>
    </message>
    <message>
        <source>Group volume (whole downline)</source>
        <translation>Gruppenvolumen (gesamte Downline)</translation>
    </message>
    <message>
        <source>Personal volume</source>
        <translation>Eigenvolumen</translation>
    </message>
    <message>
        <source>Volume (PV points)</source>
        <translation>Volumen (PV-Punkte)</translation>
    </message>
    <message>
        <source>New and active members per month</source>
        <translation>Neue und aktive Mitglieder pro Monat</translation>
    </message>
    <message>
        <source>New members</source>
        <translation>Neue Mitglieder</translation>
    </message>
    <message>
        <source>Active (qualified) members</source>
        <translation>Aktive (qualifizierte) Mitglieder</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>Mitglieder</translation>
    </message>
    <message>
        <source>Members per level of the tree</source>
        <translation>Mitglieder pro Ebene des Baums</translation>
    </message>
    <message>
        <source>Members per level below</source>
        <translation>Mitglieder pro Ebene darunter</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>Ebene</translation>
    </message>
    <message>
        <source>Top frontline legs by group volume, %1</source>
        <translation>Stärkste Frontline-Linien nach Gruppenvolumen, %1</translation>
    </message>
    <message>
        <source>Group volume</source>
        <translation>Gruppenvolumen</translation>
    </message>
    <message>
        <source>Leg (first-line member)</source>
        <translation>Linie (Mitglied der ersten Ebene)</translation>
    </message>
    <message>
        <source>Group volume (PV points)</source>
        <translation>Gruppenvolumen (PV-Punkte)</translation>
    </message>
    <message>
        <source>Members by status</source>
        <translation>Mitglieder nach Status</translation>
    </message>
    <message>
        <source>Downline by status</source>
        <translation>Downline nach Status</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>%1: %2 of %3 members</source>
        <translation>%1: %2 von %3 Mitgliedern</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <comment>a leg: its code and name</comment>
        <translation>%1 %2</translation>
    </message>
</context>
<context>
    <name>DownlinePerformance</name>
    <message>
        <source>no member with id %1</source>
        <translation>kein Mitglied mit der ID %1</translation>
    </message>
    <message>
        <source>the dashboard was cancelled</source>
        <translation>das Dashboard wurde abgebrochen</translation>
    </message>
    <message>
        <source>Reading the network</source>
        <translation>Netzwerk wird gelesen</translation>
    </message>
    <message>
        <source>Reading %1</source>
        <translation>%1 wird gelesen</translation>
    </message>
    <message>
        <source>Counting statuses</source>
        <translation>Status werden gezählt</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Fertig</translation>
    </message>
</context>
<context>
    <name>Files</name>
    <message>
        <source>cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
</context>
<context>
    <name>JsonFields</name>
    <message>
        <source>%1: must be an object</source>
        <translation>%1: muss ein Objekt sein</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is required</source>
        <translation>&apos;%1&apos; ist erforderlich</translation>
    </message>
    <message>
        <source>&apos;%1&apos; must be a string</source>
        <translation>&apos;%1&apos; muss eine Zeichenkette sein</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is longer than %2 characters</source>
        <translation>&apos;%1&apos; ist länger als %2 Zeichen</translation>
    </message>
    <message>
        <source>&apos;%1&apos; must be a whole number from %2 to %3</source>
        <translation>&apos;%1&apos; muss eine ganze Zahl von %2 bis %3 sein</translation>
    </message>
    <message>
        <source>&apos;%1&apos; must be true or false</source>
        <translation>&apos;%1&apos; muss true oder false sein</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not an ISO 8601 date-time such as 2026-10-05T12:00:00Z: &apos;%2&apos;</source>
        <translation>&apos;%1&apos; ist kein ISO-8601-Zeitpunkt wie 2026-10-05T12:00:00Z: &apos;%2&apos;</translation>
    </message>
</context>
<context>
    <name>JsonIn</name>
    <message>
        <source>is required</source>
        <translation>ist erforderlich</translation>
    </message>
    <message>
        <source>the query parameter &apos;%1&apos; %2</source>
        <translation>der Abfrageparameter &apos;%1&apos; %2</translation>
    </message>
    <message>
        <source>must be a string</source>
        <translation>muss eine Zeichenkette sein</translation>
    </message>
    <message>
        <source>is longer than %1 characters</source>
        <translation>ist länger als %1 Zeichen</translation>
    </message>
    <message>
        <source>must be a whole number</source>
        <translation>muss eine ganze Zahl sein</translation>
    </message>
    <message>
        <source>must be true or false</source>
        <translation>muss true oder false sein</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not an ISO 8601 date-time such as 2026-10-05T12:00:00Z</source>
        <translation>&apos;%1&apos; ist kein ISO-8601-Zeitpunkt wie 2026-10-05T12:00:00Z</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a period YYYY-MM</source>
        <translation>&apos;%1&apos; ist kein Zeitraum JJJJ-MM</translation>
    </message>
    <message>
        <source>must be an object</source>
        <translation>muss ein Objekt sein</translation>
    </message>
    <message>
        <source>must be an array</source>
        <translation>muss ein Array sein</translation>
    </message>
    <message>
        <source>must hold whole numbers only</source>
        <translation>darf nur ganze Zahlen enthalten</translation>
    </message>
    <message>
        <source>must hold rates in basis points</source>
        <translation>muss Sätze in Basispunkten enthalten</translation>
    </message>
    <message>
        <source>must be a whole number from %1 to %2</source>
        <translation>muss eine ganze Zahl von %1 bis %2 sein</translation>
    </message>
    <message>
        <source>must be a member status</source>
        <translation>muss ein Mitgliedsstatus sein</translation>
    </message>
    <message>
        <source>must be code, name, joined or status</source>
        <translation>muss code, name, joined oder status sein</translation>
    </message>
    <message>
        <source>must be an order status</source>
        <translation>muss ein Bestellstatus sein</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not one of the allowed values</source>
        <translation>&apos;%1&apos; ist keiner der erlaubten Werte</translation>
    </message>
    <message>
        <source>the body is not a JSON object: %1</source>
        <translation>der Inhalt ist kein JSON-Objekt: %1</translation>
    </message>
    <message>
        <source>more after the JSON value</source>
        <translation>weitere Zeichen nach dem JSON-Wert</translation>
    </message>
    <message>
        <source>the JSON value is not an object</source>
        <translation>der JSON-Wert ist kein Objekt</translation>
    </message>
    <message>
        <source>must hold strings only</source>
        <translation>darf nur Zeichenketten enthalten</translation>
    </message>
    <message>
        <source>&apos;%1&apos; must be a whole number</source>
        <translation>&apos;%1&apos; muss eine ganze Zahl sein</translation>
    </message>
</context>
<context>
    <name>JsonReader</name>
    <message>
        <source>malformed JSON at line %1, offset %2: %3</source>
        <translation>fehlerhaftes JSON in Zeile %1, Position %2: %3</translation>
    </message>
    <message>
        <source>unexpected end of the file, expected &apos;%1&apos;</source>
        <translation>unerwartetes Dateiende, &apos;%1&apos; erwartet</translation>
    </message>
    <message>
        <source>expected &apos;%1&apos;</source>
        <translation>&apos;%1&apos; erwartet</translation>
    </message>
    <message>
        <source>unterminated string</source>
        <translation>nicht abgeschlossene Zeichenkette</translation>
    </message>
    <message>
        <source>control character in a string</source>
        <translation>Steuerzeichen in einer Zeichenkette</translation>
    </message>
    <message>
        <source>bad \u escape</source>
        <translation>ungültige \u-Escape-Sequenz</translation>
    </message>
    <message>
        <source>bad escape</source>
        <translation>ungültige Escape-Sequenz</translation>
    </message>
    <message>
        <source>a string is not valid UTF-8</source>
        <translation>eine Zeichenkette ist kein gültiges UTF-8</translation>
    </message>
    <message>
        <source>bad number</source>
        <translation>ungültige Zahl</translation>
    </message>
    <message>
        <source>unexpected end of the file</source>
        <translation>unerwartetes Dateiende</translation>
    </message>
    <message>
        <source>nested deeper than %1 levels</source>
        <translation>tiefer als %1 Ebenen verschachtelt</translation>
    </message>
    <message>
        <source>expected a key</source>
        <translation>Schlüssel erwartet</translation>
    </message>
    <message>
        <source>expected &apos;,&apos; or &apos;%1&apos;</source>
        <translation>&apos;,&apos; oder &apos;%1&apos; erwartet</translation>
    </message>
    <message>
        <source>unexpected character</source>
        <translation>unerwartetes Zeichen</translation>
    </message>
    <message>
        <source>the file is larger than 4 GB</source>
        <translation>die Datei ist größer als 4 GB</translation>
    </message>
    <message>
        <source>unbalanced &apos;%1&apos;</source>
        <translation>unausgeglichenes &apos;%1&apos;</translation>
    </message>
    <message>
        <source>unexpected end of the file: &apos;%1&apos; is never closed</source>
        <translation>unerwartetes Dateiende: &apos;%1&apos; wird nie geschlossen</translation>
    </message>
    <message>
        <source>expected &apos;,&apos; or &apos;]&apos;</source>
        <translation>&apos;,&apos; oder &apos;]&apos; erwartet</translation>
    </message>
    <message>
        <source>\u0000 (NUL) in a string</source>
        <translation>\u0000 (NUL) in einer Zeichenkette</translation>
    </message>
    <message>
        <source>a lone surrogate \u%1 in a string is not valid Unicode</source>
        <translation>ein einzelnes Surrogat \u%1 in einer Zeichenkette ist kein gültiges Unicode</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>Customer</source>
        <translation>Kunde</translation>
    </message>
    <message>
        <source>Distributor</source>
        <translation>Vertriebspartner</translation>
    </message>
    <message>
        <source>Suspended</source>
        <translation>Gesperrt</translation>
    </message>
    <message>
        <source>Terminated</source>
        <translation>Gekündigt</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>Administrator</translation>
    </message>
    <message>
        <source>Support</source>
        <translation>Support</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>Offen</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>Bezahlt</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Storniert</translation>
    </message>
    <message>
        <source>Refunded</source>
        <translation>Erstattet</translation>
    </message>
    <message>
        <source>Separate channel</source>
        <translation>Getrennter Kanal</translation>
    </message>
    <message>
        <source>Distributor channel</source>
        <translation>Vertriebspartnerkanal</translation>
    </message>
    <message>
        <source>Personal storefront</source>
        <translation>Persönlicher Shop</translation>
    </message>
    <message>
        <source>Buyers are ordinary retail customers of the store: they belong to no one and pay retail prices. Their orders are credited to nobody and pay no commissions. A distributor&apos;s referral link only leads to the registration of a new member under that distributor.</source>
        <translation>Käufer sind gewöhnliche Einzelhandelskunden des Shops: Sie gehören niemandem und zahlen Einzelhandelspreise. Ihre Bestellungen werden niemandem gutgeschrieben und lösen keine Provisionen aus. Der Empfehlungslink eines Vertriebspartners führt nur zur Registrierung eines neuen Mitglieds unter diesem Vertriebspartner.</translation>
    </message>
    <message>
        <source>Every buyer registers through the back office and becomes a member in status customer, in the first line of the member whose link they came with (or under the store&apos;s default sponsor). Buyers see the prices of their own tier; their orders are credited to them, and their upline earns commissions by the plan.</source>
        <translation>Jeder Käufer registriert sich über das Backoffice und wird Mitglied im Status Kunde, in der ersten Ebene des Mitglieds, über dessen Link er kam (oder unter dem Standardsponsor des Shops). Käufer sehen die Preise ihrer eigenen Stufe; ihre Bestellungen werden ihnen gutgeschrieben, und ihre Upline verdient Provisionen nach dem Plan.</translation>
    </message>
    <message>
        <source>Each distributor&apos;s link is their own store. Buyers register in the store only, as retail customers owned by the link&apos;s owner, and are never placed in the network. They pay retail prices; their orders are credited to the owner, who earns the retail profit, and count as the owner&apos;s personal volume for the upline&apos;s commissions.</source>
        <translation>Der Link jedes Vertriebspartners ist sein eigener Shop. Käufer registrieren sich nur im Shop, als Einzelhandelskunden des Link-Inhabers, und werden nie ins Netzwerk aufgenommen. Sie zahlen Einzelhandelspreise; ihre Bestellungen werden dem Inhaber gutgeschrieben, der den Einzelhandelsgewinn verdient, und zählen als sein Eigenvolumen für die Provisionen der Upline.</translation>
    </message>
    <message>
        <source>Retail</source>
        <translation>Einzelhandel</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nein</translation>
    </message>
</context>
<context>
    <name>Members</name>
    <message>
        <source>no member with code &apos;%1&apos;</source>
        <translation>kein Mitglied mit dem Code &apos;%1&apos;</translation>
    </message>
    <message>
        <source>no member with id %1</source>
        <translation>kein Mitglied mit der ID %1</translation>
    </message>
    <message>
        <source>the email %1 is already used by member %2</source>
        <translation>die E-Mail-Adresse %1 wird bereits vom Mitglied %2 verwendet</translation>
    </message>
    <message>
        <source>member code &apos;%1&apos; is not valid: use 2-32 characters of A-Z, a-z, 0-9, - and _</source>
        <translation>der Mitgliedscode &apos;%1&apos; ist nicht gültig: 2-32 Zeichen aus A-Z, a-z, 0-9, - und _</translation>
    </message>
    <message>
        <source>a new member starts as customer or distributor, not %1</source>
        <translation>ein neues Mitglied beginnt als Kunde oder Vertriebspartner, nicht als %1</translation>
    </message>
    <message>
        <source>the member code &apos;%1&apos; is taken</source>
        <translation>der Mitgliedscode &apos;%1&apos; ist vergeben</translation>
    </message>
    <message>
        <source>the sponsor &apos;%1&apos; does not exist</source>
        <translation>den Sponsor &apos;%1&apos; gibt es nicht</translation>
    </message>
    <message>
        <source>the sponsor &apos;%1&apos; is terminated and cannot sponsor</source>
        <translation>der Sponsor &apos;%1&apos; ist gekündigt und kann nicht sponsern</translation>
    </message>
    <message>
        <source>a reason is required to change a status</source>
        <translation>für eine Statusänderung ist ein Grund erforderlich</translation>
    </message>
    <message>
        <source>member %1 cannot change from %2 to %3</source>
        <translation>das Mitglied %1 kann nicht von %2 zu %3 wechseln</translation>
    </message>
    <message>
        <source>the new sponsor &apos;%1&apos; does not exist</source>
        <translation>den neuen Sponsor &apos;%1&apos; gibt es nicht</translation>
    </message>
    <message>
        <source>the new sponsor &apos;%1&apos; is terminated and cannot sponsor</source>
        <translation>der neue Sponsor &apos;%1&apos; ist gekündigt und kann nicht sponsern</translation>
    </message>
    <message>
        <source>member %1 cannot be its own sponsor</source>
        <translation>das Mitglied %1 kann nicht sein eigener Sponsor sein</translation>
    </message>
    <message>
        <source>cannot move %1 under %2: %2 is in the downline of %1 (a cycle)</source>
        <translation>%1 kann nicht unter %2 verschoben werden: %2 ist in der Downline von %1 (ein Zyklus)</translation>
    </message>
</context>
<context>
    <name>Migrations</name>
    <message>
        <source>migration %1 is missing</source>
        <translation>die Migration %1 fehlt</translation>
    </message>
    <message>
        <source>the database has schema version %1, newer than this program&apos;s %2: upgrade the program</source>
        <translation>die Datenbank hat die Schemaversion %1, neuer als %2 dieses Programms: aktualisieren Sie das Programm</translation>
    </message>
    <message>
        <source>migration %1 (%2)</source>
        <translation>Migration %1 (%2)</translation>
    </message>
    <message>
        <source>the upgrade was cancelled after %1 of %2 steps: the database is whole, at schema version %3</source>
        <translation>die Aktualisierung wurde nach %1 von %2 Schritten abgebrochen: die Datenbank ist vollständig, mit Schemaversion %3</translation>
    </message>
</context>
<context>
    <name>OfficeApi</name>
    <message>
        <source>%1 is not allowed here; use %2</source>
        <translation>%1 ist hier nicht erlaubt; verwenden Sie %2</translation>
    </message>
    <message>
        <source>sign in first: send Authorization: Bearer TOKEN</source>
        <translation>zuerst anmelden: senden Sie Authorization: Bearer TOKEN</translation>
    </message>
    <message>
        <source>this is not a user&apos;s session token (a store&apos;s API key is not one): sign in</source>
        <translation>das ist kein Sitzungstoken eines Benutzers (der API-Schlüssel eines Shops ist keines): melden Sie sich an</translation>
    </message>
    <message>
        <source>no such endpoint</source>
        <translation>diesen Endpunkt gibt es nicht</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a period YYYY-MM</source>
        <translation>&apos;%1&apos; ist kein Zeitraum JJJJ-MM</translation>
    </message>
    <message>
        <source>no such endpoint under %1/office</source>
        <translation>diesen Endpunkt gibt es unter %1/office nicht</translation>
    </message>
    <message>
        <source>no order %1</source>
        <translation>keine Bestellung %1</translation>
    </message>
    <message>
        <source>must be preview, close, plan_preview or dashboard</source>
        <translation>muss preview, close, plan_preview oder dashboard sein</translation>
    </message>
</context>
<context>
    <name>OfficeJobs</name>
    <message>
        <source>the server is stopping</source>
        <translation>der Server wird beendet</translation>
    </message>
    <message>
        <source>%1 runs %2 long operations already; wait for one to end or cancel it</source>
        <translation>%1 führt bereits %2 lange Vorgänge aus; warten Sie, bis einer endet, oder brechen Sie ihn ab</translation>
    </message>
    <message>
        <source>the server runs %1 long operations already; try again soon</source>
        <translation>der Server führt bereits %1 lange Vorgänge aus; versuchen Sie es bald erneut</translation>
    </message>
    <message>
        <source>no job %1 of yours</source>
        <translation>kein Auftrag %1 von Ihnen</translation>
    </message>
</context>
<context>
    <name>Orders</name>
    <message>
        <source>no such order</source>
        <translation>keine solche Bestellung</translation>
    </message>
    <message>
        <source>no order &apos;%1&apos; in %2</source>
        <translation>keine Bestellung &apos;%1&apos; in %2</translation>
    </message>
    <message>
        <source>the back office</source>
        <translation>das Backoffice</translation>
    </message>
    <message>
        <source>store %1</source>
        <translation>Shop %1</translation>
    </message>
    <message>
        <source>an order needs an external id of 1-%1 characters</source>
        <translation>eine Bestellung braucht eine externe ID mit 1-%1 Zeichen</translation>
    </message>
    <message>
        <source>an order needs exactly one buyer: a member or a customer</source>
        <translation>eine Bestellung braucht genau einen Käufer: ein Mitglied oder einen Kunden</translation>
    </message>
    <message>
        <source>an order needs 1-%1 lines</source>
        <translation>eine Bestellung braucht 1-%1 Positionen</translation>
    </message>
    <message>
        <source>a new order is pending or paid, not %1</source>
        <translation>eine neue Bestellung ist offen oder bezahlt, nicht %1</translation>
    </message>
    <message>
        <source>order &apos;%1&apos; exists already with a different content</source>
        <translation>die Bestellung &apos;%1&apos; gibt es bereits mit anderem Inhalt</translation>
    </message>
    <message>
        <source>a back-office order is bought by a member, not a customer</source>
        <translation>eine Backoffice-Bestellung kauft ein Mitglied, kein Kunde</translation>
    </message>
    <message>
        <source>no customer %1 in store %2</source>
        <translation>kein Kunde %1 im Shop %2</translation>
    </message>
    <message>
        <source>buyer %1</source>
        <translation>Käufer %1</translation>
    </message>
    <message>
        <source>line %1</source>
        <translation>Position %1</translation>
    </message>
    <message>
        <source>line %1: product %2 is not for sale</source>
        <translation>Position %1: das Produkt %2 ist nicht im Verkauf</translation>
    </message>
    <message>
        <source>order &apos;%1&apos; is %2 and cannot become %3</source>
        <translation>die Bestellung &apos;%1&apos; ist %2 und kann nicht %3 werden</translation>
    </message>
    <message>
        <source>order &apos;%1&apos; cannot be refunded at %2, before it was paid (%3)</source>
        <translation>die Bestellung &apos;%1&apos; kann nicht am %2 erstattet werden, bevor sie bezahlt wurde (%3)</translation>
    </message>
    <message>
        <source>order &apos;%1&apos; was changed by someone else; try again</source>
        <translation>die Bestellung &apos;%1&apos; wurde von jemand anderem geändert; versuchen Sie es erneut</translation>
    </message>
    <message>
        <source>the new order&apos;s id was not returned</source>
        <translation>die ID der neuen Bestellung wurde nicht zurückgegeben</translation>
    </message>
    <message>
        <source>%1 %2 is out of range: from 2000-01-01 to a day from now</source>
        <translation>%1 %2 liegt außerhalb des Bereichs: vom 2000-01-01 bis einen Tag ab jetzt</translation>
    </message>
    <message>
        <source>%1 %2 is in %3, a period whose commissions are closed: a payment there would never count; send the time it is entered</source>
        <translation>%1 %2 liegt in %3, einem Zeitraum mit abgeschlossenen Provisionen: eine Zahlung dort würde nie zählen; senden Sie den Zeitpunkt der Erfassung</translation>
    </message>
</context>
<context>
    <name>Permissions</name>
    <message>
        <source>the user %1 is disabled</source>
        <translation>der Benutzer %1 ist deaktiviert</translation>
    </message>
    <message>
        <source>a %1 user may not do this</source>
        <translation>ein Benutzer mit der Rolle %1 darf das nicht</translation>
    </message>
    <message>
        <source>%1 sees its own downline only; this member is not in it</source>
        <translation>%1 sieht nur die eigene Downline; dieses Mitglied gehört nicht dazu</translation>
    </message>
    <message>
        <source>%1 manages its own referral links only</source>
        <translation>%1 verwaltet nur die eigenen Empfehlungslinks</translation>
    </message>
    <message>
        <source>a distributor sees its own statements only</source>
        <translation>ein Vertriebspartner sieht nur die eigenen Abrechnungen</translation>
    </message>
    <message>
        <source>a distributor sees the dashboard of its own downline only</source>
        <translation>ein Vertriebspartner sieht nur das Dashboard der eigenen Downline</translation>
    </message>
    <message>
        <source>%1 sees its own orders only</source>
        <translation>%1 sieht nur die eigenen Bestellungen</translation>
    </message>
</context>
<context>
    <name>PostgresBulkWriter</name>
    <message>
        <source>database error: %1</source>
        <translation>Datenbankfehler: %1</translation>
    </message>
</context>
<context>
    <name>PriceSheet</name>
    <message>
        <source>nothing was changed; correct these lines:
</source>
        <translation>nichts wurde geändert; korrigieren Sie diese Zeilen:
</translation>
    </message>
    <message>
        <source>the file is empty: its first line must name the columns</source>
        <translation>die Datei ist leer: ihre erste Zeile muss die Spalten benennen</translation>
    </message>
    <message>
        <source>line 1: column %1 &apos;%2&apos; is neither sku, name nor a price tier</source>
        <translation>Zeile 1: Spalte %1 &apos;%2&apos; ist weder sku noch name noch eine Preisstufe</translation>
    </message>
    <message>
        <source>line 1: there is no sku column</source>
        <translation>Zeile 1: es gibt keine Spalte sku</translation>
    </message>
    <message>
        <source>line %1</source>
        <translation>Zeile %1</translation>
    </message>
    <message>
        <source>%1: %2 fields where the header has %3</source>
        <translation>%1: %2 Felder, die Kopfzeile hat %3</translation>
    </message>
    <message>
        <source>%1: no product with sku &apos;%2&apos;</source>
        <translation>%1: kein Produkt mit der SKU &apos;%2&apos;</translation>
    </message>
    <message>
        <source>%1: sku &apos;%2&apos; appears a second time</source>
        <translation>%1: die SKU &apos;%2&apos; kommt ein zweites Mal vor</translation>
    </message>
    <message>
        <source>%1: the retail price of %2 is empty; every product needs one</source>
        <translation>%1: der Einzelhandelspreis von %2 ist leer; jedes Produkt braucht einen</translation>
    </message>
    <message>
        <source>%1: the %2 price &apos;%3&apos; is not an amount like 12.50</source>
        <translation>%1: der Preis &apos;%3&apos; der Stufe %2 ist kein Betrag wie 12.50</translation>
    </message>
    <message>
        <source>there is nothing to paste</source>
        <translation>es gibt nichts einzufügen</translation>
    </message>
    <message>
        <source>too many lines: %1 pasted; products from here down: %2</source>
        <translation>zu viele Zeilen: %1 eingefügt; Produkte ab hier abwärts: %2</translation>
    </message>
    <message>
        <source>line %1: too many cells: %2 pasted; tiers from here to the right: %3</source>
        <translation>Zeile %1: zu viele Zellen: %2 eingefügt; Stufen ab hier nach rechts: %3</translation>
    </message>
    <message>
        <source>line %1: the retail price of %2 cannot be empty</source>
        <translation>Zeile %1: der Einzelhandelspreis von %2 darf nicht leer sein</translation>
    </message>
    <message>
        <source>line %1: &apos;%2&apos; for %3 (%4) is not an amount</source>
        <translation>Zeile %1: &apos;%2&apos; für %3 (%4) ist kein Betrag</translation>
    </message>
</context>
<context>
    <name>Pricing</name>
    <message>
        <source>a terminated member may not buy</source>
        <translation>ein gekündigtes Mitglied darf nicht kaufen</translation>
    </message>
    <message>
        <source>quantity %1 of %2 is not allowed: order 1 to %3</source>
        <translation>die Menge %1 von %2 ist nicht zulässig: bestellen Sie 1 bis %3</translation>
    </message>
    <message>
        <source>the unit price of %1 may not be negative</source>
        <translation>der Stückpreis von %1 darf nicht negativ sein</translation>
    </message>
    <message>
        <source>product %1 has no price for tier %2</source>
        <translation>das Produkt %1 hat keinen Preis für die Stufe %2</translation>
    </message>
    <message>
        <source>the order&apos;s totals are too large</source>
        <translation>die Summen der Bestellung sind zu groß</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>%1: %2 of %3</source>
        <translation>%1: %2 von %3</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
</context>
<context>
    <name>Registrations</name>
    <message>
        <source>&apos;%1&apos; is not an email address; a registration needs one</source>
        <translation>&apos;%1&apos; ist keine E-Mail-Adresse; eine Registrierung braucht eine</translation>
    </message>
    <message>
        <source>a new member starts as customer or distributor, not %1</source>
        <translation>ein neues Mitglied beginnt als Kunde oder Vertriebspartner, nicht als %1</translation>
    </message>
    <message>
        <source>store &apos;%1&apos; has no default sponsor, and the registration came without a valid referral code: nobody to place the new member under</source>
        <translation>der Shop &apos;%1&apos; hat keinen Standardsponsor, und die Registrierung kam ohne gültigen Empfehlungscode: es gibt niemanden, unter dem das neue Mitglied platziert werden kann</translation>
    </message>
</context>
<context>
    <name>RemoteOffice</name>
    <message>
        <source>the server&apos;s answer (HTTP %1) is not the office API&apos;s JSON: is this the company&apos;s mlm-server?</source>
        <translation>die Antwort des Servers (HTTP %1) ist nicht das JSON der Office-API: ist das der mlm-server des Unternehmens?</translation>
    </message>
    <message>
        <source>the server refused the request (HTTP %1)</source>
        <translation>der Server hat die Anfrage abgelehnt (HTTP %1)</translation>
    </message>
    <message>
        <source>the server&apos;s answer to the sign-in</source>
        <translation>die Antwort des Servers auf die Anmeldung</translation>
    </message>
    <message>
        <source>the price list is not UTF-8 text</source>
        <translation>die Preisliste ist kein UTF-8-Text</translation>
    </message>
    <message>
        <source>the server now knows %1 with another role: open the window again</source>
        <translation>der Server kennt %1 jetzt mit einer anderen Rolle: öffnen Sie das Fenster neu</translation>
    </message>
</context>
<context>
    <name>RequestFields</name>
    <message>
        <source>the body is not valid UTF-8</source>
        <translation>der Body ist kein gültiges UTF-8</translation>
    </message>
    <message>
        <source>the body is not valid JSON: %1 at byte %2</source>
        <translation>der Body ist kein gültiges JSON: %1 bei Byte %2</translation>
    </message>
    <message>
        <source>the body must be a JSON object</source>
        <translation>der Body muss ein JSON-Objekt sein</translation>
    </message>
    <message>
        <source>is required</source>
        <translation>ist erforderlich</translation>
    </message>
    <message>
        <source>must be a string</source>
        <translation>muss eine Zeichenkette sein</translation>
    </message>
    <message>
        <source>must not be empty</source>
        <translation>darf nicht leer sein</translation>
    </message>
    <message>
        <source>is longer than %1 characters</source>
        <translation>ist länger als %1 Zeichen</translation>
    </message>
    <message>
        <source>must not contain control characters</source>
        <translation>darf keine Steuerzeichen enthalten</translation>
    </message>
    <message>
        <source>must be a whole number from %1 to %2</source>
        <translation>muss eine ganze Zahl von %1 bis %2 sein</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not an ISO 8601 date-time such as 2026-10-05T12:00:00Z</source>
        <translation>&apos;%1&apos; ist kein ISO-8601-Zeitpunkt wie 2026-10-05T12:00:00Z</translation>
    </message>
    <message>
        <source>must be an object</source>
        <translation>muss ein Objekt sein</translation>
    </message>
    <message>
        <source>must be an array</source>
        <translation>muss ein Array sein</translation>
    </message>
    <message>
        <source>must have %1 to %2 entries</source>
        <translation>muss %1 bis %2 Einträge haben</translation>
    </message>
</context>
<context>
    <name>RunStore</name>
    <message>
        <source>a page of a run starts at 0 or later and holds 1 to %1 members</source>
        <translation>eine Seite eines Laufs beginnt bei 0 oder später und enthält 1 bis %1 Mitglieder</translation>
    </message>
    <message>
        <source>no commission run &apos;%1&apos; is kept for you (runs are kept %2 minutes; run it again)</source>
        <translation>kein Provisionslauf &apos;%1&apos; ist für Sie aufbewahrt (Läufe werden %2 Minuten aufbewahrt; starten Sie ihn erneut)</translation>
    </message>
</context>
<context>
    <name>ServerConfig</name>
    <message>
        <source>--listen &apos;%1&apos; is not HOST:PORT such as 127.0.0.1:8080</source>
        <translation>--listen &apos;%1&apos; ist nicht HOST:PORT wie 127.0.0.1:8080</translation>
    </message>
    <message>
        <source>option --%1 needs a value</source>
        <translation>die Option --%1 braucht einen Wert</translation>
    </message>
    <message>
        <source>unknown argument &apos;%1&apos;; see mlm-server --help</source>
        <translation>unbekanntes Argument &apos;%1&apos;; siehe mlm-server --help</translation>
    </message>
    <message>
        <source>cannot read the configuration file %1</source>
        <translation>die Konfigurationsdatei %1 kann nicht gelesen werden</translation>
    </message>
    <message>
        <source>the configuration file %1 is not an INI file</source>
        <translation>die Konfigurationsdatei %1 ist keine INI-Datei</translation>
    </message>
    <message>
        <source>--%1 &apos;%2&apos; is not a whole number from %3 to %4</source>
        <translation>--%1 &apos;%2&apos; ist keine ganze Zahl von %3 bis %4</translation>
    </message>
    <message>
        <source>Usage: mlm-server [--db URL] [--listen HOST:PORT] [--tls-cert FILE --tls-key FILE] [--threads N]
                  [--config FILE] [--no-access-log] [more options below]

Serves the store-integration API (docs/api.md) under /api/v1.
  --db URL           sqlite:///abs/path.db or postgresql://user:pass@host:port/dbname
                     ($MLM_DB; config key db; default: the desktop&apos;s SQLite file)
  --listen HOST:PORT address to listen on ($MLM_LISTEN; config key listen; default 127.0.0.1:8080;
                     port 0 picks a free port)
  --threads N        worker threads, each with its own connection ($MLM_SERVER_THREADS;
                     config key threads; default: the number of cores)
  --request-timeout S
                     seconds for a request to arrive whole once it began; then 408
                     ($MLM_SERVER_REQUEST_TIMEOUT; config key request_timeout; default 10)
  --idle-timeout S   seconds a kept-alive connection may wait for its next request
                     ($MLM_SERVER_IDLE_TIMEOUT; config key idle_timeout; default 30)
  --max-connections N, --max-connections-per-client N
                     open connections in all and from one client address; beyond them 503
                     ($MLM_SERVER_MAX_CONNECTIONS, $MLM_SERVER_MAX_CONNECTIONS_PER_CLIENT; config keys
                     max_connections, max_connections_per_client; defaults 1000 and 100)
  --write-wait MS    how long a write waits for another writer (an import) before 503
                     ($MLM_SERVER_WRITE_WAIT; config key write_wait; default 2000)
  --tls-cert FILE, --tls-key FILE
                     serve HTTPS with this PEM certificate (its chain after it) and private key
                     ($MLM_SERVER_TLS_CERT, $MLM_SERVER_TLS_KEY; config keys tls_cert, tls_key)
  --allow-plain-http plain HTTP on an address that is not loopback (behind a TLS proxy only;
                     $MLM_SERVER_ALLOW_PLAIN_HTTP; config key allow_plain_http)
  --config FILE      an INI file with the keys above and access_log=true|false ($MLM_SERVER_CONFIG)
  --no-access-log    no line per request (category mlm.api.access)
  --version, --help
</source>
        <translation>Aufruf: mlm-server [--db URL] [--listen HOST:PORT] [--tls-cert DATEI --tls-key DATEI] [--threads N]
                  [--config DATEI] [--no-access-log] [weitere Optionen unten]

Stellt die Shop-Integrations-API (docs/api.md) unter /api/v1 bereit.
  --db URL           sqlite:///abs/pfad.db oder postgresql://user:pass@host:port/dbname
                     ($MLM_DB; Konfigurationsschlüssel db; Standard: die SQLite-Datei des Desktops)
  --listen HOST:PORT Adresse, auf der gelauscht wird ($MLM_LISTEN; Konfigurationsschlüssel listen;
                     Standard 127.0.0.1:8080; Port 0 wählt einen freien Port)
  --threads N        Arbeitsthreads, jeder mit eigener Verbindung ($MLM_SERVER_THREADS;
                     Konfigurationsschlüssel threads; Standard: die Anzahl der Kerne)
  --request-timeout S
                     Sekunden, in denen eine begonnene Anfrage vollständig ankommen muss; danach 408
                     ($MLM_SERVER_REQUEST_TIMEOUT; Konfigurationsschlüssel request_timeout; Standard 10)
  --idle-timeout S   Sekunden, die eine offen gehaltene Verbindung auf ihre nächste Anfrage warten darf
                     ($MLM_SERVER_IDLE_TIMEOUT; Konfigurationsschlüssel idle_timeout; Standard 30)
  --max-connections N, --max-connections-per-client N
                     offene Verbindungen insgesamt und von einer Client-Adresse; darüber hinaus 503
                     ($MLM_SERVER_MAX_CONNECTIONS, $MLM_SERVER_MAX_CONNECTIONS_PER_CLIENT; Schlüssel
                     max_connections, max_connections_per_client; Standard 1000 und 100)
  --write-wait MS    wie lange ein Schreibvorgang auf einen anderen (einen Import) wartet, bevor 503 folgt
                     ($MLM_SERVER_WRITE_WAIT; Konfigurationsschlüssel write_wait; Standard 2000)
  --tls-cert DATEI, --tls-key DATEI
                     HTTPS mit diesem PEM-Zertifikat (seine Kette danach) und privaten Schlüssel
                     ($MLM_SERVER_TLS_CERT, $MLM_SERVER_TLS_KEY; Konfigurationsschlüssel tls_cert, tls_key)
  --allow-plain-http einfaches HTTP auf einer Adresse, die nicht Loopback ist (nur hinter einem TLS-Proxy;
                     $MLM_SERVER_ALLOW_PLAIN_HTTP; Konfigurationsschlüssel allow_plain_http)
  --config DATEI     eine INI-Datei mit den obigen Schlüsseln und access_log=true|false ($MLM_SERVER_CONFIG)
  --no-access-log    keine Zeile pro Anfrage (Kategorie mlm.api.access)
  --version, --help
</translation>
    </message>
    <message>
        <source>%1 &apos;%2&apos; is not true or false</source>
        <translation>%1 &apos;%2&apos; ist nicht true oder false</translation>
    </message>
    <message>
        <source>--tls-cert and --tls-key go together: give both or neither</source>
        <translation>--tls-cert und --tls-key gehören zusammen: geben Sie beide oder keines an</translation>
    </message>
    <message>
        <source>%1 is not a loopback address: serve HTTPS with --tls-cert and --tls-key, or say --allow-plain-http (behind a TLS-terminating proxy only)</source>
        <translation>%1 ist keine Loopback-Adresse: stellen Sie HTTPS mit --tls-cert und --tls-key bereit, oder geben Sie --allow-plain-http an (nur hinter einem TLS-terminierenden Proxy)</translation>
    </message>
</context>
<context>
    <name>ServerConnection</name>
    <message>
        <source>(no certificate)</source>
        <translation>(kein Zertifikat)</translation>
    </message>
    <message>
        <source>the server&apos;s address is empty</source>
        <translation>die Adresse des Servers ist leer</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a server address such as https://office.example.com:8443</source>
        <translation>&apos;%1&apos; ist keine Serveradresse wie https://office.example.com:8443</translation>
    </message>
    <message>
        <source>the server&apos;s address must begin with https:// (or http://), not %1://</source>
        <translation>die Adresse des Servers muss mit https:// (oder http://) beginnen, nicht mit %1://</translation>
    </message>
    <message>
        <source>the server&apos;s address has no path: give only https://host:port</source>
        <translation>die Adresse des Servers hat keinen Pfad: nur https://host:port angeben</translation>
    </message>
    <message>
        <source>cannot read the CA file %1</source>
        <translation>die CA-Datei %1 kann nicht gelesen werden</translation>
    </message>
    <message>
        <source>the CA file %1 holds no PEM certificate</source>
        <translation>die CA-Datei %1 enthält kein PEM-Zertifikat</translation>
    </message>
    <message>
        <source>cannot reach the server %1: %2</source>
        <translation>der Server %1 ist nicht erreichbar: %2</translation>
    </message>
    <message>
        <source>this program has no TLS support (OpenSSL is missing)</source>
        <translation>dieses Programm hat keine TLS-Unterstützung (OpenSSL fehlt)</translation>
    </message>
    <message>
        <source>the server %1 is not the one it claims to be, or its certificate is not trusted here (%2); its certificate&apos;s SHA-256 fingerprint is %3</source>
        <translation>der Server %1 ist nicht der, der er vorgibt zu sein, oder seinem Zertifikat wird hier nicht vertraut (%2); der SHA-256-Fingerabdruck seines Zertifikats ist %3</translation>
    </message>
    <message>
        <source>the server closed the connection</source>
        <translation>der Server hat die Verbindung geschlossen</translation>
    </message>
    <message>
        <source>the server did not answer within %1 s</source>
        <translation>der Server hat nicht innerhalb von %1 s geantwortet</translation>
    </message>
    <message>
        <source>the request could not be sent: %1</source>
        <translation>die Anfrage konnte nicht gesendet werden: %1</translation>
    </message>
    <message>
        <source>the server&apos;s answer has an oversized header</source>
        <translation>die Antwort des Servers hat einen zu großen Kopf</translation>
    </message>
    <message>
        <source>the answer is not HTTP: is this the company&apos;s mlm-server?</source>
        <translation>die Antwort ist kein HTTP: ist das der mlm-server des Unternehmens?</translation>
    </message>
    <message>
        <source>the server&apos;s answer is garbled (a bad chunk)</source>
        <translation>die Antwort des Servers ist verstümmelt (ein fehlerhafter Chunk)</translation>
    </message>
    <message>
        <source>the server&apos;s answer is garbled (a bad Content-Length)</source>
        <translation>die Antwort des Servers ist verstümmelt (eine fehlerhafte Content-Length)</translation>
    </message>
    <message>
        <source>the server&apos;s address holds no user name or password: sign in instead</source>
        <translation>die Adresse des Servers enthält keinen Benutzernamen und kein Passwort: melden Sie sich stattdessen an</translation>
    </message>
    <message>
        <source>it is not the certificate trusted for this server before (%1)</source>
        <translation>es ist nicht das Zertifikat, dem für diesen Server vertraut wurde (%1)</translation>
    </message>
    <message>
        <source>the server %1 presents ANOTHER certificate than the one trusted for it (%2, trusted: %3): someone may be posing as the server; ask the administrator before you go on</source>
        <translation>der Server %1 zeigt ein ANDERES Zertifikat als das, dem für ihn vertraut wird (%2, vertraut: %3): jemand gibt sich womöglich als der Server aus; fragen Sie den Administrator, bevor Sie weitermachen</translation>
    </message>
</context>
<context>
    <name>Session</name>
    <message>
        <source>the sponsor chain of member %1 loops</source>
        <translation>die Sponsorenkette des Mitglieds %1 ist eine Schleife</translation>
    </message>
    <message>
        <source>you cannot disable the user you are signed in as</source>
        <translation>Sie können den Benutzer, mit dem Sie angemeldet sind, nicht deaktivieren</translation>
    </message>
    <message>
        <source>at most %1 members at a time, not %2</source>
        <translation>höchstens %1 Mitglieder auf einmal, nicht %2</translation>
    </message>
</context>
<context>
    <name>SqliteBulkWriter</name>
    <message>
        <source>database error: %1</source>
        <translation>Datenbankfehler: %1</translation>
    </message>
</context>
<context>
    <name>StoreApi</name>
    <message>
        <source>this API key acts for store &apos;%1&apos; only, not for &apos;%2&apos;</source>
        <translation>dieser API-Schlüssel handelt nur für den Shop &apos;%1&apos;, nicht für &apos;%2&apos;</translation>
    </message>
    <message>
        <source>the database failed; nothing was changed. Try again later</source>
        <translation>die Datenbank ist ausgefallen; nichts wurde geändert. Versuchen Sie es später erneut</translation>
    </message>
    <message>
        <source>no such endpoint; the API lives under %1</source>
        <translation>keinen solchen Endpunkt; die API liegt unter %1</translation>
    </message>
    <message>
        <source>no such endpoint: %1</source>
        <translation>keinen solchen Endpunkt: %1</translation>
    </message>
    <message>
        <source>%1 is not allowed here; use %2</source>
        <translation>%1 ist hier nicht erlaubt; verwenden Sie %2</translation>
    </message>
    <message>
        <source>an API key is required: send the header Authorization: Bearer KEY</source>
        <translation>ein API-Schlüssel ist erforderlich: senden Sie den Header Authorization: Bearer KEY</translation>
    </message>
    <message>
        <source>the body has %1 bytes; the limit is %2</source>
        <translation>der Body hat %1 Bytes; die Grenze ist %2</translation>
    </message>
    <message>
        <source>send the body as JSON with the header Content-Type: application/json</source>
        <translation>senden Sie den Body als JSON mit dem Header Content-Type: application/json</translation>
    </message>
    <message>
        <source>no active referral link &apos;%1&apos;</source>
        <translation>kein aktiver Empfehlungslink &apos;%1&apos;</translation>
    </message>
    <message>
        <source>the referral link &apos;%1&apos; belongs to another store</source>
        <translation>der Empfehlungslink &apos;%1&apos; gehört zu einem anderen Shop</translation>
    </message>
    <message>
        <source>must be customer or distributor</source>
        <translation>muss customer oder distributor sein</translation>
    </message>
    <message>
        <source>ask for one buyer: member or customer, not both</source>
        <translation>fragen Sie nach einem Käufer: member oder customer, nicht beides</translation>
    </message>
    <message>
        <source>no customer &apos;%1&apos; in store &apos;%2&apos;</source>
        <translation>kein Kunde &apos;%1&apos; im Shop &apos;%2&apos;</translation>
    </message>
    <message>
        <source>buyer: give exactly one of member (a member code) and customer (an email)</source>
        <translation>buyer: geben Sie genau eines an: member (ein Mitgliedscode) oder customer (eine E-Mail-Adresse)</translation>
    </message>
    <message>
        <source>%1: must be an object</source>
        <translation>%1: muss ein Objekt sein</translation>
    </message>
    <message>
        <source>prices come from the catalog by the buyer&apos;s tier; leave it out</source>
        <translation>Preise kommen aus dem Katalog nach der Stufe des Käufers; lassen Sie das Feld weg</translation>
    </message>
    <message>
        <source>a new order is pending or paid</source>
        <translation>eine neue Bestellung ist pending oder paid</translation>
    </message>
    <message>
        <source>only a paid order has a payment time</source>
        <translation>nur eine bezahlte Bestellung hat einen Zahlungszeitpunkt</translation>
    </message>
    <message>
        <source>must be paid, cancelled or refunded</source>
        <translation>muss paid, cancelled oder refunded sein</translation>
    </message>
    <message>
        <source>cannot open a socket: %1</source>
        <translation>ein Socket kann nicht geöffnet werden: %1</translation>
    </message>
    <message>
        <source>cannot listen on %1 port %2: %3</source>
        <translation>auf %1 Port %2 kann nicht gelauscht werden: %3</translation>
    </message>
    <message>
        <source>cannot read the bound port</source>
        <translation>der gebundene Port kann nicht gelesen werden</translation>
    </message>
    <message>
        <source>a segment of the path %1</source>
        <translation>ein Abschnitt des Pfads %1</translation>
    </message>
    <message>
        <source>a query parameter %1</source>
        <translation>ein Abfrageparameter %1</translation>
    </message>
    <message>
        <source>the query parameter &apos;%1&apos; %2</source>
        <translation>der Abfrageparameter &apos;%1&apos; %2</translation>
    </message>
    <message>
        <source>the request did not arrive whole within %1 s</source>
        <translation>die Anfrage kam nicht innerhalb von %1 s vollständig an</translation>
    </message>
    <message>
        <source>too many open connections; close some and try again</source>
        <translation>zu viele offene Verbindungen; schließen Sie einige und versuchen Sie es erneut</translation>
    </message>
    <message>
        <source>the database is unavailable for a moment; try again (an order sent again with the same external_id is never made twice)</source>
        <translation>die Datenbank ist kurz nicht verfügbar; bitte erneut versuchen (eine mit derselben external_id erneut gesendete Bestellung wird nie doppelt angelegt)</translation>
    </message>
    <message>
        <source>this email belongs to a member of the network already, who signs in at the back office; nothing about the member is told to this store</source>
        <translation>diese E-Mail gehört bereits einem Mitglied des Netzwerks, das sich im Backoffice anmeldet; diesem Shop wird nichts über das Mitglied mitgeteilt</translation>
    </message>
    <message>
        <source>TLS is not available: Qt found no TLS backend (OpenSSL 3)</source>
        <translation>TLS ist nicht verfügbar: Qt hat kein TLS-Backend gefunden (OpenSSL 3)</translation>
    </message>
    <message>
        <source>cannot read the TLS certificate %1: %2</source>
        <translation>das TLS-Zertifikat %1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>the TLS certificate %1 holds no PEM certificate</source>
        <translation>das TLS-Zertifikat %1 enthält kein PEM-Zertifikat</translation>
    </message>
    <message>
        <source>cannot read the TLS key %1: %2</source>
        <translation>der TLS-Schlüssel %1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>the TLS key %1 is not an unencrypted PEM private key (RSA or EC)</source>
        <translation>der TLS-Schlüssel %1 ist kein unverschlüsselter privater PEM-Schlüssel (RSA oder EC)</translation>
    </message>
    <message>
        <source>the TLS key %1 is not the key of the certificate %2 (its first certificate)</source>
        <translation>der TLS-Schlüssel %1 ist nicht der Schlüssel des Zertifikats %2 (seines ersten Zertifikats)</translation>
    </message>
</context>
<context>
    <name>Stores</name>
    <message>
        <source>store code &apos;%1&apos; is not valid: use 2-32 characters of A-Z, a-z, 0-9, - and _</source>
        <translation>der Shop-Code &apos;%1&apos; ist nicht gültig: 2-32 Zeichen aus A-Z, a-z, 0-9, - und _</translation>
    </message>
    <message>
        <source>store %1 needs a name</source>
        <translation>der Shop %1 braucht einen Namen</translation>
    </message>
    <message>
        <source>store %1: the link template must contain {code}</source>
        <translation>Shop %1: die Link-Vorlage muss {code} enthalten</translation>
    </message>
    <message>
        <source>no store with code &apos;%1&apos;</source>
        <translation>kein Shop mit dem Code &apos;%1&apos;</translation>
    </message>
    <message>
        <source>no store with id %1</source>
        <translation>kein Shop mit der ID %1</translation>
    </message>
    <message>
        <source>the store code &apos;%1&apos; is taken</source>
        <translation>der Shop-Code &apos;%1&apos; ist vergeben</translation>
    </message>
    <message>
        <source>no price tier &apos;%1&apos;</source>
        <translation>keine Preisstufe &apos;%1&apos;</translation>
    </message>
    <message>
        <source>no referral link &apos;%1&apos;</source>
        <translation>kein Empfehlungslink &apos;%1&apos;</translation>
    </message>
    <message>
        <source>link code &apos;%1&apos; is not valid: use 4-32 characters of A-Z, a-z, 0-9 and -</source>
        <translation>der Link-Code &apos;%1&apos; ist nicht gültig: 4-32 Zeichen aus A-Z, a-z, 0-9 und -</translation>
    </message>
    <message>
        <source>member %1 is %2 and cannot own a link</source>
        <translation>das Mitglied %1 ist %2 und kann keinen Link besitzen</translation>
    </message>
    <message>
        <source>could not generate a free link code; try again</source>
        <translation>es konnte kein freier Link-Code erzeugt werden; versuchen Sie es erneut</translation>
    </message>
    <message>
        <source>the link code &apos;%1&apos; is taken</source>
        <translation>der Link-Code &apos;%1&apos; ist vergeben</translation>
    </message>
    <message>
        <source>the link &apos;%1&apos; is already inactive</source>
        <translation>der Link &apos;%1&apos; ist bereits inaktiv</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not an email address; a retail customer needs one</source>
        <translation>&apos;%1&apos; ist keine E-Mail-Adresse; ein Einzelhandelskunde braucht eine</translation>
    </message>
    <message>
        <source>store %1: the base URL &apos;%2&apos; is not a web address like https://shop.example.com</source>
        <translation>Shop %1: die Basis-URL &apos;%2&apos; ist keine Webadresse wie https://shop.example.com</translation>
    </message>
    <message>
        <source>%1 is terminated and cannot be a store&apos;s default sponsor</source>
        <translation>%1 ist gekündigt und kann nicht Standardsponsor eines Shops sein</translation>
    </message>
</context>
<context>
    <name>SyntheticCompany</name>
    <message>
        <source>&apos;%1&apos; is not a period YYYY-MM</source>
        <translation>&apos;%1&apos; ist kein Zeitraum JJJJ-MM</translation>
    </message>
    <message>
        <source>seed needs at least 1 member, 0 or more orders, 1-600 months and 1-24 products</source>
        <translation>seed braucht mindestens 1 Mitglied, 0 oder mehr Bestellungen, 1-600 Monate und 1-24 Produkte</translation>
    </message>
    <message>
        <source>cannot write the dataset: %1</source>
        <translation>der Datensatz kann nicht geschrieben werden: %1</translation>
    </message>
</context>
<context>
    <name>Text</name>
    <message>
        <source>contains the character U+0000 (NUL)</source>
        <translation>enthält das Zeichen U+0000 (NUL)</translation>
    </message>
    <message>
        <source>is not valid Unicode: a lone surrogate U+%1</source>
        <translation>ist kein gültiges Unicode: ein einzelnes Surrogat U+%1</translation>
    </message>
</context>
<context>
    <name>UserSessions</name>
    <message>
        <source>too many failed sign-ins; try again later</source>
        <translation>zu viele fehlgeschlagene Anmeldungen; versuchen Sie es später erneut</translation>
    </message>
    <message>
        <source>the session is not valid (signed out, expired or never begun): sign in again</source>
        <translation>die Sitzung ist nicht gültig (abgemeldet, abgelaufen oder nie begonnen): melden Sie sich erneut an</translation>
    </message>
    <message>
        <source>not a session token</source>
        <translation>kein Sitzungstoken</translation>
    </message>
    <message>
        <source>the old password is not right</source>
        <translation>das alte Passwort stimmt nicht</translation>
    </message>
</context>
<context>
    <name>Users</name>
    <message>
        <source>a user name has 2-64 characters of A-Z, a-z, 0-9, &apos;.&apos;, &apos;_&apos;, &apos;@&apos; and &apos;-&apos;</source>
        <translation>ein Benutzername hat 2-64 Zeichen aus A-Z, a-z, 0-9, &apos;.&apos;, &apos;_&apos;, &apos;@&apos; und &apos;-&apos;</translation>
    </message>
    <message>
        <source>a password has at least %1 characters</source>
        <translation>ein Passwort hat mindestens %1 Zeichen</translation>
    </message>
    <message>
        <source>a password cannot be only spaces</source>
        <translation>ein Passwort darf nicht nur aus Leerzeichen bestehen</translation>
    </message>
    <message>
        <source>no user &apos;%1&apos;</source>
        <translation>kein Benutzer &apos;%1&apos;</translation>
    </message>
    <message>
        <source>only a distributor user stands for a member; %1 users do not</source>
        <translation>nur ein Vertriebspartner-Benutzer steht für ein Mitglied; Benutzer mit der Rolle %1 nicht</translation>
    </message>
    <message>
        <source>a distributor user needs the member it signs in as</source>
        <translation>ein Vertriebspartner-Benutzer braucht das Mitglied, als das er sich anmeldet</translation>
    </message>
    <message>
        <source>member %1 is terminated and cannot sign in</source>
        <translation>das Mitglied %1 ist gekündigt und kann sich nicht anmelden</translation>
    </message>
    <message>
        <source>the user name &apos;%1&apos; is taken</source>
        <translation>der Benutzername &apos;%1&apos; ist vergeben</translation>
    </message>
    <message>
        <source>%1 is the last active admin; make another admin first</source>
        <translation>%1 ist der letzte aktive Administrator; legen Sie zuerst einen weiteren an</translation>
    </message>
    <message>
        <source>wrong user name or password</source>
        <translation>falscher Benutzername oder falsches Passwort</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>MLM back office</source>
        <translation>MLM-Backoffice</translation>
    </message>
    <message>
        <source>The database: sqlite:///path.db or postgresql://...</source>
        <translation>Die Datenbank: sqlite:///pfad.db oder postgresql://...</translation>
    </message>
    <message>
        <source>The user name to sign in with.</source>
        <translation>Der Benutzername für die Anmeldung.</translation>
    </message>
    <message>
        <source>MLM Back Office</source>
        <translation>MLM-Backoffice</translation>
    </message>
    <message>
        <source>Cannot open the database:
%1</source>
        <translation>Die Datenbank kann nicht geöffnet werden:
%1</translation>
    </message>
    <message>
        <source>self-test failed: cannot open the database %1</source>
        <translation>Selbsttest fehlgeschlagen: die Datenbank %1 kann nicht geöffnet werden</translation>
    </message>
    <message>
        <source>mlm-backoffice %1: self-test passed (%2 pages, platform %3)</source>
        <translation>mlm-backoffice %1: Selbsttest bestanden (%2 Seiten, Plattform %3)</translation>
    </message>
    <message>
        <source>Open the database given with --db, show the main window as an administrator would see it, and quit: a check that the installed program runs.</source>
        <translation>Öffnet die mit --db angegebene Datenbank, zeigt das Hauptfenster so, wie ein Administrator es sähe, und beendet sich: eine Prüfung, dass das installierte Programm läuft.</translation>
    </message>
    <message>
        <source>The company&apos;s server to sign in to: https://host:port (its CA file and a certificate trusted before are remembered per server).</source>
        <translation>Der Server des Unternehmens, bei dem Sie sich anmelden: https://host:port (seine CA-Datei und ein früher vertrautes Zertifikat werden je Server gemerkt).</translation>
    </message>
</context>
<context>
    <name>mlm::AuditView</name>
    <message>
        <source>Show &amp;more</source>
        <translation>&amp;Mehr anzeigen</translation>
    </message>
    <message>
        <source>All changes</source>
        <translation>Alle Änderungen</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>Mitglieder</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>Bestellungen</translation>
    </message>
    <message>
        <source>Referral links</source>
        <translation>Empfehlungslinks</translation>
    </message>
    <message>
        <source>Products</source>
        <translation>Produkte</translation>
    </message>
    <message>
        <source>Prices</source>
        <translation>Preise</translation>
    </message>
    <message>
        <source>Price tiers</source>
        <translation>Preisstufen</translation>
    </message>
    <message>
        <source>Stores</source>
        <translation>Shops</translation>
    </message>
    <message>
        <source>API keys</source>
        <translation>API-Schlüssel</translation>
    </message>
    <message>
        <source>Compensation plan</source>
        <translation>Vergütungsplan</translation>
    </message>
    <message>
        <source>Commission runs</source>
        <translation>Provisionsabrechnungen</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <source>Dataset imports</source>
        <translation>Datensatzimporte</translation>
    </message>
    <message>
        <source>By (user:name, cli:name, api:store:code)</source>
        <translation>Von (user:name, cli:name, api:store:code)</translation>
    </message>
    <message>
        <source>any day</source>
        <translation>beliebiger Tag</translation>
    </message>
    <message>
        <source>When (UTC)</source>
        <translation>Wann (UTC)</translation>
    </message>
    <message>
        <source>By</source>
        <translation>Von</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Änderung</translation>
    </message>
    <message>
        <source>Of</source>
        <translation>Betrifft</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Einzelheiten</translation>
    </message>
    <message>
        <source>From:</source>
        <translation>Ab:</translation>
    </message>
    <message>
        <source>Before:</source>
        <translation>Vor:</translation>
    </message>
    <message>
        <source>No change recorded matches.</source>
        <translation>Keine erfasste Änderung passt.</translation>
    </message>
    <message>
        <source>Changes shown: %L1</source>
        <translation>Angezeigte Änderungen: %L1</translation>
    </message>
    <message>
        <source>%1 #%2</source>
        <translation>%1 #%2</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>%1: %2 -&gt; %3</source>
        <translation>%1: %2 -&gt; %3</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>(leer)</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
</context>
<context>
    <name>mlm::CatalogModel</name>
    <message>
        <source>%1 price of %2</source>
        <translation>%1-Preis von %2</translation>
    </message>
    <message>
        <source>%1 has no %2 price of its own: buyers in this tier pay the retail price</source>
        <translation>%1 hat keinen eigenen Preis der Stufe %2: Käufer dieser Stufe zahlen den Einzelhandelspreis</translation>
    </message>
    <message>
        <source>for sale</source>
        <translation>im Verkauf</translation>
    </message>
    <message>
        <source>withdrawn</source>
        <translation>zurückgezogen</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Price in the %1 tier (code %2), in %3</source>
        <translation>Preis in der Stufe %1 (Code %2), in %3</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Produkt</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <source>PV</source>
        <translation>PV</translation>
    </message>
    <message>
        <source>BV (%1)</source>
        <translation>BV (%1)</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not an amount: type a price like %2</source>
        <translation>&apos;%1&apos; ist kein Betrag: geben Sie einen Preis wie %2 ein</translation>
    </message>
</context>
<context>
    <name>mlm::CatalogView</name>
    <message>
        <source>Price saved</source>
        <translation>Preis gespeichert</translation>
    </message>
    <message>
        <source>&amp;Add product...</source>
        <translation>Produkt &amp;hinzufügen...</translation>
    </message>
    <message>
        <source>&amp;Edit product...</source>
        <translation>Produkt &amp;bearbeiten...</translation>
    </message>
    <message>
        <source>Add &amp;tier...</source>
        <translation>&amp;Stufe hinzufügen...</translation>
    </message>
    <message>
        <source>&amp;Import price list...</source>
        <translation>Preisliste &amp;importieren...</translation>
    </message>
    <message>
        <source>E&amp;xport price list...</source>
        <translation>Preisliste e&amp;xportieren...</translation>
    </message>
    <message>
        <source>Tier added</source>
        <translation>Stufe hinzugefügt</translation>
    </message>
    <message>
        <source>Import price list</source>
        <translation>Preisliste importieren</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSV-Dateien (*.csv);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Export price list</source>
        <translation>Preisliste exportieren</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <source>Double-click a price to change it; leave it empty and the tier falls back to the retail price, shown in grey italics. Cells copied from a spreadsheet are pasted with Ctrl+V from the selected price on. Changes apply to orders placed from now on.</source>
        <translation>Doppelklicken Sie auf einen Preis, um ihn zu ändern; bleibt er leer, gilt für die Stufe der Einzelhandelspreis, grau und kursiv dargestellt. Aus einer Tabellenkalkulation kopierte Zellen werden mit Strg+V ab dem gewählten Preis eingefügt. Änderungen gelten für Bestellungen ab jetzt.</translation>
    </message>
    <message>
        <source>Select a product first.</source>
        <translation>Wählen Sie zuerst ein Produkt.</translation>
    </message>
    <message>
        <source>Product %1 added</source>
        <translation>Produkt %1 hinzugefügt</translation>
    </message>
    <message>
        <source>Product %1 saved</source>
        <translation>Produkt %1 gespeichert</translation>
    </message>
    <message>
        <source>Select the price cell where the pasted block begins.</source>
        <translation>Wählen Sie die Preiszelle, an der der eingefügte Block beginnt.</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>Price list saved to %1</source>
        <translation>Preisliste in %1 gespeichert</translation>
    </message>
    <message numerus="yes">
        <source>%n price(s) pasted</source>
        <translation>
            <numerusform>%n Preis eingefügt</numerusform>
            <numerusform>%n Preise eingefügt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n price(s) read from %1.</source>
        <translation>
            <numerusform>%n Preis aus %1 gelesen.</numerusform>
            <numerusform>%n Preise aus %1 gelesen.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>mlm::CommissionsModel</name>
    <message>
        <source>Member</source>
        <translation>Mitglied</translation>
    </message>
    <message>
        <source>PV</source>
        <translation>PV</translation>
    </message>
    <message>
        <source>Qualified</source>
        <translation>Qualifiziert</translation>
    </message>
    <message>
        <source>Retail profit</source>
        <translation>Einzelhandelsgewinn</translation>
    </message>
    <message>
        <source>Level %1</source>
        <translation>Ebene %1</translation>
    </message>
    <message>
        <source>Clawback</source>
        <translation>Rückbuchung</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Summe</translation>
    </message>
    <message>
        <source>Loading...</source>
        <translation>Wird geladen...</translation>
    </message>
</context>
<context>
    <name>mlm::CommissionsView</name>
    <message>
        <source>&amp;Preview</source>
        <translation>&amp;Vorschau</translation>
    </message>
    <message>
        <source>&amp;Close period...</source>
        <translation>Zeitraum &amp;abschließen...</translation>
    </message>
    <message>
        <source>Payout &amp;file...</source>
        <translation>Auszahlungs&amp;datei...</translation>
    </message>
    <message>
        <source>&amp;Statement...</source>
        <translation>&amp;Abrechnung...</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Zeitraum</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Stand</translation>
    </message>
    <message>
        <source>Paid as</source>
        <translation>Gezahlt als</translation>
    </message>
    <message>
        <source>Rate</source>
        <translation>Satz</translation>
    </message>
    <message>
        <source>Members paid</source>
        <translation>Bezahlte Mitglieder</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Betrag</translation>
    </message>
    <message>
        <source>Member code</source>
        <translation>Mitgliedscode</translation>
    </message>
    <message>
        <source>Close period</source>
        <translation>Zeitraum abschließen</translation>
    </message>
    <message>
        <source>Close %1? Its commissions are computed once more and become final: the period can no longer change, and refunds after it are clawed back in a later period.</source>
        <translation>%1 abschließen? Die Provisionen werden noch einmal berechnet und sind dann endgültig: Der Zeitraum kann sich nicht mehr ändern, und spätere Erstattungen werden in einem späteren Zeitraum zurückgebucht.</translation>
    </message>
    <message>
        <source>%1 closed</source>
        <translation>%1 abgeschlossen</translation>
    </message>
    <message>
        <source>Save payout file</source>
        <translation>Auszahlungsdatei speichern</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <source>Payout file saved to %1</source>
        <translation>Auszahlungsdatei in %1 gespeichert</translation>
    </message>
    <message>
        <source>Statement of member:</source>
        <translation>Abrechnung des Mitglieds:</translation>
    </message>
    <message>
        <source>Per member</source>
        <translation>Pro Mitglied</translation>
    </message>
    <message>
        <source>Per level</source>
        <translation>Pro Ebene</translation>
    </message>
    <message>
        <source>Pick a period; the statement lists every order that paid you in it, with its level, rate and amount.</source>
        <translation>Wählen Sie einen Zeitraum; die Abrechnung listet jede Bestellung, die Ihnen darin etwas eingebracht hat, mit Ebene, Satz und Betrag.</translation>
    </message>
    <message>
        <source>closed %1</source>
        <translation>abgeschlossen am %1</translation>
    </message>
    <message>
        <source>open</source>
        <translation>offen</translation>
    </message>
    <message>
        <source>An open period: press Preview to compute what it would pay now. Nothing is stored until the period is closed.</source>
        <translation>Ein offener Zeitraum: Drücken Sie auf Vorschau, um zu berechnen, was er jetzt auszahlen würde. Gespeichert wird erst beim Abschluss des Zeitraums.</translation>
    </message>
    <message>
        <source>%1 (closed, read-only)</source>
        <translation>%1 (abgeschlossen, schreibgeschützt)</translation>
    </message>
    <message>
        <source>%1 (open)</source>
        <translation>%1 (offen)</translation>
    </message>
    <message>
        <source>Computing %1</source>
        <translation>%1 wird berechnet</translation>
    </message>
    <message>
        <source>Preview of %1 ready</source>
        <translation>Vorschau für %1 fertig</translation>
    </message>
    <message>
        <source>Level %1</source>
        <translation>Ebene %1</translation>
    </message>
    <message>
        <source>Retail profit</source>
        <translation>Einzelhandelsgewinn</translation>
    </message>
    <message>
        <source>Clawbacks</source>
        <translation>Rückbuchungen</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Summe</translation>
    </message>
    <message>
        <source>Closed run of %1.</source>
        <translation>Abgeschlossene Abrechnung für %1.</translation>
    </message>
    <message>
        <source>Preview of %1 with today&apos;s data; nothing is stored.</source>
        <translation>Vorschau für %1 mit den heutigen Daten; nichts wird gespeichert.</translation>
    </message>
    <message>
        <source>%1 members with volume or amounts, %2 of them paid. Total %3 %4: levels %5, retail profit %6, clawbacks %7.</source>
        <translation>Mitglieder mit Volumen oder Beträgen: %1, davon bezahlt: %2. Summe %3 %4: Ebenen %5, Einzelhandelsgewinn %6, Rückbuchungen %7.</translation>
    </message>
    <message>
        <source>a payout file is made for a closed period only</source>
        <translation>eine Auszahlungsdatei gibt es nur für einen abgeschlossenen Zeitraum</translation>
    </message>
    <message>
        <source>Select a period first.</source>
        <translation>Wählen Sie zuerst einen Zeitraum.</translation>
    </message>
    <message>
        <source>Reading %1</source>
        <translation>%1 wird gelesen</translation>
    </message>
    <message>
        <source>Closing %1</source>
        <translation>%1 wird abgeschlossen</translation>
    </message>
    <message>
        <source>Saving the payout file of %1</source>
        <translation>Auszahlungsdatei für %1 wird gespeichert</translation>
    </message>
    <message>
        <source>Pick a period and enter a member&apos;s code; the statement lists every order that paid that member in it, with its level, rate and amount.</source>
        <translation>Wählen Sie einen Zeitraum und geben Sie den Code eines Mitglieds ein; die Abrechnung listet jede Bestellung auf, die diesem Mitglied darin eine Provision brachte, mit Ebene, Satz und Betrag.</translation>
    </message>
    <message>
        <source>Paid you</source>
        <translation>An Sie gezahlt</translation>
    </message>
</context>
<context>
    <name>mlm::ContactDialog</name>
    <message>
        <source>Contact data of %1</source>
        <translation>Kontaktdaten von %1</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Email:</source>
        <translation>&amp;E-Mail:</translation>
    </message>
    <message>
        <source>&amp;Phone:</source>
        <translation>&amp;Telefon:</translation>
    </message>
    <message>
        <source>&amp;Country:</source>
        <translation>&amp;Land:</translation>
    </message>
</context>
<context>
    <name>mlm::CustomersView</name>
    <message>
        <source>Email begins with...</source>
        <translation>E-Mail beginnt mit...</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Inhaber</translation>
    </message>
    <message>
        <source>Came through</source>
        <translation>Kam über</translation>
    </message>
    <message>
        <source>Registered</source>
        <translation>Registriert</translation>
    </message>
    <message>
        <source>Store:</source>
        <translation>Shop:</translation>
    </message>
    <message>
        <source>nobody</source>
        <translation>niemand</translation>
    </message>
    <message>
        <source>Showing the first %1: type more of the email to narrow it.</source>
        <translation>Die ersten %1 werden angezeigt: Geben Sie mehr von der E-Mail-Adresse ein, um einzugrenzen.</translation>
    </message>
    <message numerus="yes">
        <source>%n customer(s)</source>
        <translation>
            <numerusform>%n Kunde</numerusform>
            <numerusform>%n Kunden</numerusform>
        </translation>
    </message>
    <message>
        <source>No customer of %1 has an email that begins with &quot;%2&quot;.</source>
        <translation>Kein Kunde von %1 hat eine E-Mail, die mit &quot;%2&quot; beginnt.</translation>
    </message>
    <message>
        <source>%1 has no retail customers yet. A store adds them when a buyer who is not a distributor registers or orders (separate channel, personal storefronts).</source>
        <translation>%1 hat noch keine Einzelhandelskunden. Ein Shop legt sie an, wenn ein Käufer, der kein Vertriebspartner ist, sich registriert oder bestellt (eigener Kanal, persönliche Shops).</translation>
    </message>
</context>
<context>
    <name>mlm::DashboardView</name>
    <message>
        <source>&amp;Show</source>
        <translation>&amp;Anzeigen</translation>
    </message>
    <message>
        <source>Save as &amp;PDF...</source>
        <translation>Als &amp;PDF speichern...</translation>
    </message>
    <message>
        <source>Empty: the whole company</source>
        <translation>Leer: das ganze Unternehmen</translation>
    </message>
    <message>
        <source>Member code</source>
        <translation>Mitgliedscode</translation>
    </message>
    <message>
        <source>Save dashboard as PDF</source>
        <translation>Dashboard als PDF speichern</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF-Dateien (*.pdf)</translation>
    </message>
    <message>
        <source>Dashboard saved to %1</source>
        <translation>Dashboard in %1 gespeichert</translation>
    </message>
    <message>
        <source>Save chart as PNG...</source>
        <translation>Diagramm als PNG speichern...</translation>
    </message>
    <message>
        <source>Save chart as PNG</source>
        <translation>Diagramm als PNG speichern</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG-Bilder (*.png)</translation>
    </message>
    <message>
        <source>Chart saved to %1</source>
        <translation>Diagramm in %1 gespeichert</translation>
    </message>
    <message>
        <source>Hover for exact values; right-click to save the chart as PNG.</source>
        <translation>Mit der Maus darüberfahren für genaue Werte; Rechtsklick speichert das Diagramm als PNG.</translation>
    </message>
    <message>
        <source>Your downline:</source>
        <translation>Ihre Downline:</translation>
    </message>
    <message>
        <source>Downline of:</source>
        <translation>Downline von:</translation>
    </message>
    <message>
        <source>12 months up to:</source>
        <translation>12 Monate bis:</translation>
    </message>
    <message>
        <source>Pick a downline and a month, then Show.</source>
        <translation>Wählen Sie eine Downline und einen Monat, dann Anzeigen.</translation>
    </message>
    <message>
        <source>Computing the company&apos;s dashboard</source>
        <translation>Das Dashboard des Unternehmens wird berechnet</translation>
    </message>
    <message>
        <source>Computing the dashboard of %1</source>
        <translation>Das Dashboard von %1 wird berechnet</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>The whole company: %1 members, %2 PV of volume in %3.</source>
        <translation>Das ganze Unternehmen: %1 Mitglieder, %2 PV Volumen im %3.</translation>
    </message>
    <message>
        <source>%1: %2 members below, %3 PV of group volume in %4.</source>
        <translation>%1: %2 Mitglieder darunter, %3 PV Gruppenvolumen im %4.</translation>
    </message>
    <message>
        <source>Personal volume (PV)</source>
        <translation>Eigenvolumen (PV)</translation>
    </message>
    <message>
        <source>Volume (PV)</source>
        <translation>Volumen (PV)</translation>
    </message>
    <message>
        <source>Group volume (PV)</source>
        <translation>Gruppenvolumen (PV)</translation>
    </message>
    <message>
        <source>New members</source>
        <translation>Neue Mitglieder</translation>
    </message>
    <message>
        <source>Active (qualified) members</source>
        <translation>Aktive (qualifizierte) Mitglieder</translation>
    </message>
    <message>
        <source>&lt;h3&gt;%1&lt;/h3&gt;&lt;table cellspacing=&quot;6&quot;&gt;&lt;tr&gt;&lt;th&gt;&lt;/th&gt;&lt;th align=&quot;right&quot;&gt;%1&lt;/th&gt;&lt;th align=&quot;right&quot;&gt;vs. %2&lt;/th&gt;&lt;/tr&gt;%3&lt;/table&gt;&lt;p&gt;%4&lt;/p&gt;</source>
        <translation>&lt;h3&gt;%1&lt;/h3&gt;&lt;table cellspacing=&quot;6&quot;&gt;&lt;tr&gt;&lt;th&gt;&lt;/th&gt;&lt;th align=&quot;right&quot;&gt;%1&lt;/th&gt;&lt;th align=&quot;right&quot;&gt;ggü. %2&lt;/th&gt;&lt;/tr&gt;%3&lt;/table&gt;&lt;p&gt;%4&lt;/p&gt;</translation>
    </message>
    <message>
        <source>there is no chart to save yet</source>
        <translation>es gibt noch kein Diagramm zum Speichern</translation>
    </message>
    <message>
        <source>cannot write %1</source>
        <translation>%1 kann nicht geschrieben werden</translation>
    </message>
    <message>
        <source>there is no dashboard to save yet</source>
        <translation>es gibt noch kein Dashboard zum Speichern</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message numerus="yes">
        <source>%Ln member(s) today.</source>
        <translation>
            <numerusform>%Ln Mitglied heute.</numerusform>
            <numerusform>%Ln Mitglieder heute.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln member(s) below today.</source>
        <translation>
            <numerusform>%Ln Mitglied darunter heute.</numerusform>
            <numerusform>%Ln Mitglieder darunter heute.</numerusform>
        </translation>
    </message>
    <message>
        <source>Type a member&apos;s code and press Show to see the performance of its downline.</source>
        <translation>Geben Sie den Code eines Mitglieds ein und klicken Sie auf Anzeigen, um die Leistung seiner Downline zu sehen.</translation>
    </message>
</context>
<context>
    <name>mlm::FirstAdminDialog</name>
    <message>
        <source>First administrator - MLM Back Office</source>
        <translation>Erster Administrator - MLM-Backoffice</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Welcome&lt;/h3&gt;This database has no users yet. Create the first administrator: they can then add the other users and give them their roles.</source>
        <translation>&lt;h3&gt;Willkommen&lt;/h3&gt;Diese Datenbank hat noch keine Benutzer. Legen Sie den ersten Administrator an: Er kann dann die anderen Benutzer hinzufügen und ihnen ihre Rollen geben.</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>&amp;Benutzername:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Passwort:</translation>
    </message>
    <message>
        <source>&amp;Repeat it:</source>
        <translation>&amp;Wiederholen:</translation>
    </message>
    <message>
        <source>At least %1 characters.</source>
        <translation>Mindestens %1 Zeichen.</translation>
    </message>
    <message>
        <source>Create administrator</source>
        <translation>Administrator anlegen</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>Die beiden Passwörter unterscheiden sich.</translation>
    </message>
</context>
<context>
    <name>mlm::InlineProgress</name>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1: stopping...</source>
        <translation>%1: wird angehalten...</translation>
    </message>
    <message>
        <source>%1: cancelled</source>
        <translation>%1: abgebrochen</translation>
    </message>
</context>
<context>
    <name>mlm::LinksView</name>
    <message>
        <source>&amp;Copy URL</source>
        <translation>URL &amp;kopieren</translation>
    </message>
    <message>
        <source>&amp;Save QR as PNG...</source>
        <translation>QR als PNG &amp;speichern...</translation>
    </message>
    <message>
        <source>&amp;Deactivate</source>
        <translation>&amp;Deaktivieren</translation>
    </message>
    <message>
        <source>Member code, then Enter</source>
        <translation>Mitgliedscode, dann Enter</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Store</source>
        <translation>Shop</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Stand</translation>
    </message>
    <message>
        <source>empty: 8 random characters</source>
        <translation>leer: 8 zufällige Zeichen</translation>
    </message>
    <message>
        <source>C&amp;reate link</source>
        <translation>Link &amp;erstellen</translation>
    </message>
    <message>
        <source>Deactivate link</source>
        <translation>Link deaktivieren</translation>
    </message>
    <message>
        <source>Deactivate %1? It stops working at once and is never given to anyone else.</source>
        <translation>%1 deaktivieren? Er funktioniert sofort nicht mehr und wird nie an jemand anderen vergeben.</translation>
    </message>
    <message>
        <source>Member:</source>
        <translation>Mitglied:</translation>
    </message>
    <message>
        <source>Store:</source>
        <translation>Shop:</translation>
    </message>
    <message>
        <source>Own code:</source>
        <translation>Eigener Code:</translation>
    </message>
    <message>
        <source>New link</source>
        <translation>Neuer Link</translation>
    </message>
    <message>
        <source>active</source>
        <translation>aktiv</translation>
    </message>
    <message>
        <source>deactivated</source>
        <translation>deaktiviert</translation>
    </message>
    <message>
        <source>Choose a member first.</source>
        <translation>Wählen Sie zuerst ein Mitglied.</translation>
    </message>
    <message>
        <source>Link %1 created</source>
        <translation>Link %1 erstellt</translation>
    </message>
    <message>
        <source>Select a link to see its QR code</source>
        <translation>Wählen Sie einen Link, um seinen QR-Code zu sehen</translation>
    </message>
    <message>
        <source>Copied %1</source>
        <translation>%1 kopiert</translation>
    </message>
    <message>
        <source>Select a link first.</source>
        <translation>Wählen Sie zuerst einen Link.</translation>
    </message>
    <message>
        <source>Link %1 deactivated</source>
        <translation>Link %1 deaktiviert</translation>
    </message>
    <message>
        <source>Save QR code</source>
        <translation>QR-Code speichern</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG-Bilder (*.png)</translation>
    </message>
    <message>
        <source>Cannot write %1</source>
        <translation>%1 kann nicht geschrieben werden</translation>
    </message>
    <message>
        <source>Type a member&apos;s code above and press Enter first.</source>
        <translation>Geben Sie zuerst oben den Code eines Mitglieds ein und drücken Sie die Eingabetaste.</translation>
    </message>
    <message>
        <source>Type a member&apos;s code above and press Enter to see its referral links.</source>
        <translation>Geben Sie oben den Code eines Mitglieds ein und drücken Sie die Eingabetaste, um seine Empfehlungslinks zu sehen.</translation>
    </message>
    <message>
        <source>%1 has no referral links yet: choose a store below and create one.</source>
        <translation>%1 hat noch keine Empfehlungslinks: Wählen Sie unten einen Shop und erstellen Sie einen.</translation>
    </message>
</context>
<context>
    <name>mlm::MainWindow</name>
    <message>
        <source>MLM Back Office</source>
        <translation>MLM-Backoffice</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>Netzwerk</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
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
        <source>&amp;Find a member</source>
        <translation>Mitglied &amp;finden</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About</source>
        <translation>Ü&amp;ber</translation>
    </message>
    <message>
        <source>About MLM Back Office</source>
        <translation>Über MLM-Backoffice</translation>
    </message>
    <message>
        <source>&lt;b&gt;MLM Back Office&lt;/b&gt; %1&lt;br&gt;Distributors, customers, orders and commissions for direct-selling companies.</source>
        <translation>&lt;b&gt;MLM-Backoffice&lt;/b&gt; %1&lt;br&gt;Vertriebspartner, Kunden, Bestellungen und Provisionen für Direktvertriebsunternehmen.</translation>
    </message>
    <message>
        <source>Signed in as %1 (%2)</source>
        <translation>Angemeldet als %1 (%2)</translation>
    </message>
    <message>
        <source>, member %1</source>
        <translation>, Mitglied %1</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>Mitglieder</translation>
    </message>
    <message>
        <source>Referral links</source>
        <translation>Empfehlungslinks</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>Kunden</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>Bestellungen</translation>
    </message>
    <message>
        <source>&amp;Open another database...</source>
        <translation>Andere Datenbank &amp;öffnen...</translation>
    </message>
    <message>
        <source>&amp;Import dataset...</source>
        <translation>Datensatz &amp;importieren...</translation>
    </message>
    <message>
        <source>Import dataset</source>
        <translation>Datensatz importieren</translation>
    </message>
    <message>
        <source>Dataset files (*.json)</source>
        <translation>Datensatzdateien (*.json)</translation>
    </message>
    <message>
        <source>&amp;Export dataset...</source>
        <translation>Datensatz &amp;exportieren...</translation>
    </message>
    <message>
        <source>Export dataset</source>
        <translation>Datensatz exportieren</translation>
    </message>
    <message>
        <source>Importing %1</source>
        <translation>%1 wird importiert</translation>
    </message>
    <message>
        <source>Imported %1 members and %2 orders.</source>
        <translation>Importiert: Mitglieder %1, Bestellungen %2.</translation>
    </message>
    <message>
        <source>Exporting to %1</source>
        <translation>Export nach %1</translation>
    </message>
    <message>
        <source>Exported to %1.</source>
        <translation>Nach %1 exportiert.</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>A&amp;ktualisieren</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Haupt</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>Änderungsprotokoll</translation>
    </message>
    <message>
        <source>Performance</source>
        <translation>Leistung</translation>
    </message>
    <message>
        <source>Commissions</source>
        <translation>Provisionen</translation>
    </message>
    <message>
        <source>Catalog</source>
        <translation>Katalog</translation>
    </message>
    <message>
        <source>Stores</source>
        <translation>Shops</translation>
    </message>
    <message>
        <source>Compensation plan</source>
        <translation>Vergütungsplan</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>&amp;Einstellungen</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Sprache</translation>
    </message>
    <message>
        <source>The system&apos;s language</source>
        <translation>Die Sprache des Systems</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>The program will speak %1 from its next start.</source>
        <translation>Das Programm spricht ab dem nächsten Start %1.</translation>
    </message>
    <message>
        <source>&amp;Try again</source>
        <translation>&amp;Erneut versuchen</translation>
    </message>
    <message>
        <source>Trying again...</source>
        <translation>Neuer Versuch...</translation>
    </message>
    <message>
        <source>Loading...</source>
        <translation>Wird geladen...</translation>
    </message>
    <message>
        <source>Datasets are imported and exported at the database itself (mlmctl on the server&apos;s machine), not over the company&apos;s server.</source>
        <translation>Datensätze werden direkt an der Datenbank importiert und exportiert (mlmctl auf dem Rechner des Servers), nicht über den Server des Unternehmens.</translation>
    </message>
    <message>
        <source>&lt;b&gt;No connection.&lt;/b&gt; %1. What is shown may be out of date; changes cannot be saved until the connection is back.</source>
        <translation>&lt;b&gt;Keine Verbindung.&lt;/b&gt; %1. Das Angezeigte ist womöglich veraltet; Änderungen können erst gespeichert werden, wenn die Verbindung zurück ist.</translation>
    </message>
    <message>
        <source>datasets are imported at the database itself</source>
        <translation>Datensätze werden direkt an der Datenbank importiert</translation>
    </message>
    <message>
        <source>datasets are exported at the database itself</source>
        <translation>Datensätze werden direkt an der Datenbank exportiert</translation>
    </message>
    <message>
        <source>Sign in again</source>
        <translation>Erneut anmelden</translation>
    </message>
    <message>
        <source>The server ended your session (%1).
Password of %2:</source>
        <translation>Der Server hat Ihre Sitzung beendet (%1).
Passwort von %2:</translation>
    </message>
    <message>
        <source>Not signed in: the pages cannot be read until you sign in again (View &gt; Refresh).</source>
        <translation>Nicht angemeldet: die Seiten können erst nach einer neuen Anmeldung gelesen werden (Ansicht &gt; Aktualisieren).</translation>
    </message>
    <message>
        <source>not signed in to a server</source>
        <translation>nicht bei einem Server angemeldet</translation>
    </message>
    <message>
        <source>Signed in again</source>
        <translation>Erneut angemeldet</translation>
    </message>
</context>
<context>
    <name>mlm::MembersModel</name>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Sponsor</source>
        <translation>Sponsor</translation>
    </message>
    <message>
        <source>Joined</source>
        <translation>Beigetreten</translation>
    </message>
</context>
<context>
    <name>mlm::MembersView</name>
    <message>
        <source>Change status...</source>
        <translation>Status ändern...</translation>
    </message>
    <message>
        <source>Code, name or email begins with...</source>
        <translation>Code, Name oder E-Mail beginnt mit...</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>Alle Status</translation>
    </message>
    <message numerus="yes">
        <source>%n member(s)</source>
        <translation>
            <numerusform>%n Mitglied</numerusform>
            <numerusform>%n Mitglieder</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;b&gt;Status history&lt;/b&gt;</source>
        <translation>&lt;b&gt;Statusverlauf&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;i&gt;Select a member to see the details.&lt;/i&gt;</source>
        <translation>&lt;i&gt;Wählen Sie ein Mitglied, um die Einzelheiten zu sehen.&lt;/i&gt;</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>Land</translation>
    </message>
    <message>
        <source>Sponsor</source>
        <translation>Sponsor</translation>
    </message>
    <message>
        <source>Joined</source>
        <translation>Beigetreten</translation>
    </message>
    <message>
        <source>No changes since joining</source>
        <translation>Keine Änderungen seit dem Beitritt</translation>
    </message>
    <message>
        <source>%1: %2 -&gt; %3
by %4: &quot;%5&quot;</source>
        <translation>%1: %2 -&gt; %3
von %4: &quot;%5&quot;</translation>
    </message>
    <message>
        <source>The status of %1 was changed</source>
        <translation>Der Status von %1 wurde geändert</translation>
    </message>
    <message>
        <source>Edit contact...</source>
        <translation>Kontakt bearbeiten...</translation>
    </message>
    <message>
        <source>The contact data of %1 were saved</source>
        <translation>Die Kontaktdaten von %1 wurden gespeichert</translation>
    </message>
    <message>
        <source>Loading...</source>
        <translation>Wird geladen...</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
</context>
<context>
    <name>mlm::NetworkModel</name>
    <message>
        <source>%1, %2, sponsor %3</source>
        <translation>%1, %2, Sponsor %3</translation>
    </message>
    <message>
        <source>no email</source>
        <translation>keine E-Mail</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keiner</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>Ebene</translation>
    </message>
    <message>
        <source>First line</source>
        <translation>Erste Ebene</translation>
    </message>
    <message>
        <source>Joined</source>
        <translation>Beigetreten</translation>
    </message>
    <message>
        <source>PV this month</source>
        <translation>PV diesen Monat</translation>
    </message>
    <message>
        <source>Downline</source>
        <translation>Downline</translation>
    </message>
    <message>
        <source>%1 (loading its first line...)</source>
        <translation>%1 (erste Ebene wird geladen...)</translation>
    </message>
</context>
<context>
    <name>mlm::NetworkView</name>
    <message>
        <source>&amp;Move to another sponsor...</source>
        <translation>Zu anderem Sponsor &amp;verschieben...</translation>
    </message>
    <message>
        <source>Find a member by code, email or name, then press Enter</source>
        <translation>Mitglied nach Code, E-Mail oder Name finden, dann Enter drücken</translation>
    </message>
    <message>
        <source>Nobody found</source>
        <translation>Niemand gefunden</translation>
    </message>
    <message numerus="yes">
        <source>%n found; showing the first</source>
        <translation>
            <numerusform>%n gefunden; die ersten werden angezeigt</numerusform>
            <numerusform>%n gefunden; die ersten werden angezeigt</numerusform>
        </translation>
    </message>
    <message>
        <source>Select a member first.</source>
        <translation>Wählen Sie zuerst ein Mitglied.</translation>
    </message>
    <message>
        <source>%1 now sits under %2</source>
        <translation>%1 steht jetzt unter %2</translation>
    </message>
    <message>
        <source>Move %1</source>
        <translation>%1 verschieben</translation>
    </message>
    <message>
        <source>Code of the new sponsor of %1 (its whole downline moves with it):</source>
        <translation>Code des neuen Sponsors von %1 (die ganze Downline zieht mit):</translation>
    </message>
</context>
<context>
    <name>mlm::OpenDatabaseDialog</name>
    <message>
        <source>Open a database - MLM Back Office</source>
        <translation>Datenbank öffnen - MLM-Backoffice</translation>
    </message>
    <message>
        <source>&amp;Browse...</source>
        <translation>&amp;Durchsuchen...</translation>
    </message>
    <message>
        <source>Open a database file</source>
        <translation>Datenbankdatei öffnen</translation>
    </message>
    <message>
        <source>Databases (*.db *.sqlite);;All files (*)</source>
        <translation>Datenbanken (*.db *.sqlite);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>&amp;New file...</source>
        <translation>&amp;Neue Datei...</translation>
    </message>
    <message>
        <source>New database file</source>
        <translation>Neue Datenbankdatei</translation>
    </message>
    <message>
        <source>Databases (*.db)</source>
        <translation>Datenbanken (*.db)</translation>
    </message>
    <message>
        <source>Recent files:</source>
        <translation>Zuletzt verwendete Dateien:</translation>
    </message>
    <message>
        <source>SQLite file</source>
        <translation>SQLite-Datei</translation>
    </message>
    <message>
        <source>&amp;Host:</source>
        <translation>&amp;Host:</translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation>&amp;Port:</translation>
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
        <source>The password is not saved; it is asked for each time.</source>
        <translation>Das Passwort wird nicht gespeichert; es wird jedes Mal abgefragt.</translation>
    </message>
    <message>
        <source>PostgreSQL server</source>
        <translation>PostgreSQL-Server</translation>
    </message>
    <message>
        <source>Choose a file, or make a new one.</source>
        <translation>Wählen Sie eine Datei oder legen Sie eine neue an.</translation>
    </message>
    <message>
        <source>Host, database and user are needed.</source>
        <translation>Host, Datenbank und Benutzer werden benötigt.</translation>
    </message>
    <message>
        <source>Upgrading the database</source>
        <translation>Die Datenbank wird aktualisiert</translation>
    </message>
    <message>
        <source>Upgrading the database (%1)</source>
        <translation>Die Datenbank wird aktualisiert (%1)</translation>
    </message>
    <message>
        <source>empty: the certificate authorities of this computer</source>
        <translation>leer: die Zertifizierungsstellen dieses Computers</translation>
    </message>
    <message>
        <source>B&amp;rowse...</source>
        <translation>Du&amp;rchsuchen...</translation>
    </message>
    <message>
        <source>The server&apos;s CA certificate</source>
        <translation>Das CA-Zertifikat des Servers</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt);;All files (*)</source>
        <translation>Zertifikate (*.pem *.crt);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation>&amp;Server:</translation>
    </message>
    <message>
        <source>User &amp;name:</source>
        <translation>Benutzer&amp;name:</translation>
    </message>
    <message>
        <source>&amp;CA file:</source>
        <translation>&amp;CA-Datei:</translation>
    </message>
    <message>
        <source>The address and the CA file (if you were given one) come from your company&apos;s administrator. Your password is asked when you sign in and never saved.</source>
        <translation>Die Adresse und die CA-Datei (falls Sie eine erhalten haben) bekommen Sie vom Administrator Ihres Unternehmens. Ihr Passwort wird bei der Anmeldung abgefragt und nie gespeichert.</translation>
    </message>
    <message>
        <source>Company server</source>
        <translation>Unternehmensserver</translation>
    </message>
    <message>
        <source>Your user name on the server is needed.</source>
        <translation>Ihr Benutzername auf dem Server wird benötigt.</translation>
    </message>
</context>
<context>
    <name>mlm::OrderEntryDialog</name>
    <message>
        <source>Already &amp;paid</source>
        <translation>Bereits &amp;bezahlt</translation>
    </message>
    <message>
        <source>New back-office order</source>
        <translation>Neue Backoffice-Bestellung</translation>
    </message>
    <message>
        <source>Member code, then Enter</source>
        <translation>Mitgliedscode, dann Enter</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Produkt</translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation>Stückpreis</translation>
    </message>
    <message>
        <source>PV</source>
        <translation>PV</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Menge</translation>
    </message>
    <message>
        <source>Member:</source>
        <translation>Mitglied:</translation>
    </message>
    <message>
        <source>Enter order</source>
        <translation>Bestellung erfassen</translation>
    </message>
    <message>
        <source>%1, %2: prices of the %3 tier</source>
        <translation>%1, %2: Preise der Stufe %3</translation>
    </message>
    <message>
        <source>Total: %1</source>
        <translation>Summe: %1</translation>
    </message>
    <message>
        <source>Choose the member who buys first.</source>
        <translation>Wählen Sie zuerst das kaufende Mitglied.</translation>
    </message>
    <message>
        <source>Looking up %1...</source>
        <translation>%1 wird gesucht...</translation>
    </message>
</context>
<context>
    <name>mlm::OrdersModel</name>
    <message>
        <source>back office</source>
        <translation>Backoffice</translation>
    </message>
    <message>
        <source>nobody</source>
        <translation>niemand</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Bestellung</translation>
    </message>
    <message>
        <source>Store</source>
        <translation>Shop</translation>
    </message>
    <message>
        <source>Buyer</source>
        <translation>Käufer</translation>
    </message>
    <message>
        <source>Credited to</source>
        <translation>Gutgeschrieben an</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>Stufe</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Summe</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Created (UTC)</source>
        <translation>Erstellt (UTC)</translation>
    </message>
    <message>
        <source>Loading...</source>
        <translation>Wird geladen...</translation>
    </message>
</context>
<context>
    <name>mlm::OrdersView</name>
    <message>
        <source>Mark &amp;paid</source>
        <translation>Als &amp;bezahlt markieren</translation>
    </message>
    <message>
        <source>&amp;Cancel order</source>
        <translation>Bestellung &amp;stornieren</translation>
    </message>
    <message>
        <source>&amp;Refund...</source>
        <translation>&amp;Erstatten...</translation>
    </message>
    <message>
        <source>&amp;New back-office order...</source>
        <translation>&amp;Neue Backoffice-Bestellung...</translation>
    </message>
    <message>
        <source>All stores</source>
        <translation>Alle Shops</translation>
    </message>
    <message>
        <source>Back office</source>
        <translation>Backoffice</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>Jeder Status</translation>
    </message>
    <message>
        <source>Member code</source>
        <translation>Mitgliedscode</translation>
    </message>
    <message>
        <source>&lt;i&gt;Select an order to see its lines.&lt;/i&gt;</source>
        <translation>&lt;i&gt;Wählen Sie eine Bestellung, um ihre Positionen zu sehen.&lt;/i&gt;</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Order %1&lt;/h3&gt;%2, %3&lt;br&gt;Total &lt;b&gt;%4&lt;/b&gt;, PV %5&lt;br&gt;Credited to %6</source>
        <translation>&lt;h3&gt;Bestellung %1&lt;/h3&gt;%2, %3&lt;br&gt;Summe &lt;b&gt;%4&lt;/b&gt;, PV %5&lt;br&gt;Gutgeschrieben an %6</translation>
    </message>
    <message>
        <source>back office</source>
        <translation>Backoffice</translation>
    </message>
    <message>
        <source>nobody</source>
        <translation>niemand</translation>
    </message>
    <message>
        <source>Select an order first.</source>
        <translation>Wählen Sie zuerst eine Bestellung.</translation>
    </message>
    <message>
        <source>Order %1 is now %2</source>
        <translation>Die Bestellung %1 ist jetzt %2</translation>
    </message>
    <message>
        <source>Refund order</source>
        <translation>Bestellung erstatten</translation>
    </message>
    <message>
        <source>Refund order %1 (%2)? Commissions already paid on it are clawed back.</source>
        <translation>Bestellung %1 (%2) erstatten? Bereits darauf gezahlte Provisionen werden zurückgebucht.</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Bestellung</translation>
    </message>
    <message>
        <source>Order %1 entered</source>
        <translation>Bestellung %1 erfasst</translation>
    </message>
    <message>
        <source>Orders: %L1</source>
        <translation>Bestellungen: %L1</translation>
    </message>
    <message>
        <source>Counting the orders...</source>
        <translation>Bestellungen werden gezählt...</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Order %1&lt;/h3&gt;&lt;i&gt;Loading...&lt;/i&gt;</source>
        <translation>&lt;h3&gt;Bestellung %1&lt;/h3&gt;&lt;i&gt;Wird geladen...&lt;/i&gt;</translation>
    </message>
    <message>
        <source>%1 x %2 %3 at %4 = %5</source>
        <comment>quantity, SKU, product name, unit price, line total</comment>
        <translation>%1 x %2 %3 zu %4 = %5</translation>
    </message>
</context>
<context>
    <name>mlm::PlanView</name>
    <message>
        <source>&amp;Compression</source>
        <translation>&amp;Kompression</translation>
    </message>
    <message>
        <source>&amp;Retail profit</source>
        <translation>&amp;Einzelhandelsgewinn</translation>
    </message>
    <message>
        <source>&amp;Preview</source>
        <translation>&amp;Vorschau</translation>
    </message>
    <message>
        <source>&amp;Save plan...</source>
        <translation>Plan &amp;speichern...</translation>
    </message>
    <message>
        <source>Rate (%)</source>
        <translation>Satz (%)</translation>
    </message>
    <message>
        <source>&amp;Add level</source>
        <translation>Ebene &amp;hinzufügen</translation>
    </message>
    <message>
        <source>Remove &amp;last</source>
        <translation>&amp;Letzte entfernen</translation>
    </message>
    <message>
        <source>Level %1</source>
        <translation>Ebene %1</translation>
    </message>
    <message>
        <source>Paid as</source>
        <translation>Gezahlt als</translation>
    </message>
    <message>
        <source>Saved plan</source>
        <translation>Gespeicherter Plan</translation>
    </message>
    <message>
        <source>Edited plan</source>
        <translation>Bearbeiteter Plan</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Änderung</translation>
    </message>
    <message>
        <source>Save the plan</source>
        <translation>Plan speichern</translation>
    </message>
    <message>
        <source>Save this plan? It applies to every period not closed yet; closed periods keep the plan they were closed with.</source>
        <translation>Diesen Plan speichern? Er gilt für jeden noch nicht abgeschlossenen Zeitraum; abgeschlossene Zeiträume behalten den Plan, mit dem sie abgeschlossen wurden.</translation>
    </message>
    <message>
        <source>Plan saved</source>
        <translation>Plan gespeichert</translation>
    </message>
    <message>
        <source>Levels</source>
        <translation>Ebenen</translation>
    </message>
    <message>
        <source>Level 1 is the buyer&apos;s sponsor. Each level pays its rate of the order&apos;s business volume (BV).</source>
        <translation>Ebene 1 ist der Sponsor des Käufers. Jede Ebene zahlt ihren Satz vom Geschäftsvolumen (BV) der Bestellung.</translation>
    </message>
    <message>
        <source>&amp;Qualification PV:</source>
        <translation>&amp;Qualifikations-PV:</translation>
    </message>
    <message>
        <source>A distributor earns level commissions in a month when its own personal volume reaches this.</source>
        <translation>Ein Vertriebspartner verdient in einem Monat Ebenenprovisionen, wenn sein Eigenvolumen diesen Wert erreicht.</translation>
    </message>
    <message>
        <source>With compression, members who do not qualify are skipped: the next qualified upline takes their level.</source>
        <translation>Mit Kompression werden nicht qualifizierte Mitglieder übersprungen: Die nächste qualifizierte Upline übernimmt ihre Ebene.</translation>
    </message>
    <message>
        <source>The difference between the price a retail customer paid and the distributor price goes to the distributor credited.</source>
        <translation>Die Differenz zwischen dem Preis, den ein Einzelhandelskunde zahlte, und dem Vertriebspartnerpreis erhält der gutgeschriebene Vertriebspartner.</translation>
    </message>
    <message>
        <source>Rules</source>
        <translation>Regeln</translation>
    </message>
    <message>
        <source>Preview for the period:</source>
        <translation>Vorschau für den Zeitraum:</translation>
    </message>
    <message>
        <source>What the edited plan would pay (nothing is saved)</source>
        <translation>Was der bearbeitete Plan auszahlen würde (nichts wird gespeichert)</translation>
    </message>
    <message>
        <source>level %1: &apos;%2&apos; is not a rate from 0 to 100 percent</source>
        <translation>Ebene %1: &apos;%2&apos; ist kein Satz von 0 bis 100 Prozent</translation>
    </message>
    <message>
        <source>the qualification PV &apos;%1&apos; is not a number of points</source>
        <translation>die Qualifikations-PV &apos;%1&apos; ist keine Punktzahl</translation>
    </message>
    <message>
        <source>Previewing %1</source>
        <translation>Vorschau für %1</translation>
    </message>
    <message>
        <source>Retail profit</source>
        <translation>Einzelhandelsgewinn</translation>
    </message>
    <message>
        <source>Clawbacks</source>
        <translation>Rückbuchungen</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Summe</translation>
    </message>
    <message>
        <source>%1, amounts in %2: the saved plan pays %3 members, the edited plan %4.</source>
        <translation>%1, Beträge in %2: Der gespeicherte Plan bezahlt %3 Mitglieder, der bearbeitete Plan %4.</translation>
    </message>
    <message>
        <source>Save plan</source>
        <translation>Plan speichern</translation>
    </message>
    <message>
        <source>%1 (no paid orders)</source>
        <translation>%1 (keine bezahlten Bestellungen)</translation>
    </message>
</context>
<context>
    <name>mlm::ProductDialog</name>
    <message>
        <source>For sale (active)</source>
        <translation>Im Verkauf (aktiv)</translation>
    </message>
    <message>
        <source>New product</source>
        <translation>Neues Produkt</translation>
    </message>
    <message>
        <source>Product %1</source>
        <translation>Produkt %1</translation>
    </message>
    <message>
        <source>e.g. VITA-30</source>
        <translation>z. B. VITA-30</translation>
    </message>
    <message>
        <source>Points, e.g. %1</source>
        <translation>Punkte, z. B. %1</translation>
    </message>
    <message>
        <source>Commissionable amount in %1</source>
        <translation>Provisionsfähiger Betrag in %1</translation>
    </message>
    <message>
        <source>Price in %1; other tiers are set in the grid</source>
        <translation>Preis in %1; die anderen Stufen werden im Raster gesetzt</translation>
    </message>
    <message>
        <source>&amp;SKU:</source>
        <translation>&amp;SKU:</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;PV:</source>
        <translation>&amp;PV:</translation>
    </message>
    <message>
        <source>&amp;BV (%1):</source>
        <translation>&amp;BV (%1):</translation>
    </message>
    <message>
        <source>&amp;Retail price (%1):</source>
        <translation>&amp;Einzelhandelspreis (%1):</translation>
    </message>
    <message>
        <source>Add product</source>
        <translation>Produkt hinzufügen</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <source>PV must be a number of points like %1 or 0</source>
        <translation>PV muss eine Punktzahl wie %1 oder 0 sein</translation>
    </message>
    <message>
        <source>BV must be an amount like %1 or 0</source>
        <translation>BV muss ein Betrag wie %1 oder 0 sein</translation>
    </message>
    <message>
        <source>the retail price must be an amount like %1</source>
        <translation>der Einzelhandelspreis muss ein Betrag wie %1 sein</translation>
    </message>
</context>
<context>
    <name>mlm::ServerSignInDialog</name>
    <message>
        <source>Company server: %1</source>
        <translation>Unternehmensserver: %1</translation>
    </message>
    <message>
        <source>Certificate changed</source>
        <translation>Zertifikat geändert</translation>
    </message>
    <message>
        <source>&lt;b&gt;The server %1 presents another certificate than the one you trusted for it.&lt;/b&gt;&lt;p&gt;Someone may be posing as your company&apos;s server. Do not sign in: ask your administrator whether the server&apos;s certificate was replaced.&lt;/p&gt;&lt;p&gt;Now: %2&lt;br&gt;Trusted: %3&lt;/p&gt;</source>
        <translation>&lt;b&gt;Der Server %1 zeigt ein anderes Zertifikat als das, dem Sie für ihn vertraut haben.&lt;/b&gt;&lt;p&gt;Jemand gibt sich womöglich als der Server Ihres Unternehmens aus. Melden Sie sich nicht an: fragen Sie Ihren Administrator, ob das Zertifikat des Servers ersetzt wurde.&lt;/p&gt;&lt;p&gt;Jetzt: %2&lt;br&gt;Vertraut: %3&lt;/p&gt;</translation>
    </message>
    <message>
        <source>the server&apos;s certificate changed since you trusted it (now %1): not signed in</source>
        <translation>das Zertifikat des Servers hat sich geändert, seit Sie ihm vertraut haben (jetzt %1): nicht angemeldet</translation>
    </message>
    <message>
        <source>Unknown certificate</source>
        <translation>Unbekanntes Zertifikat</translation>
    </message>
    <message>
        <source>&lt;b&gt;The certificate of %1 cannot be verified&lt;/b&gt; (%2).&lt;p&gt;Its SHA-256 fingerprint is&lt;br&gt;&lt;tt&gt;%3&lt;/tt&gt;&lt;/p&gt;&lt;p&gt;Issued to %4 by %5, valid until %6. Compare the fingerprint with the one your administrator gave you. Trust exactly this certificate for this server from now on?&lt;/p&gt;</source>
        <translation>&lt;b&gt;Das Zertifikat von %1 kann nicht geprüft werden&lt;/b&gt; (%2).&lt;p&gt;Sein SHA-256-Fingerabdruck ist&lt;br&gt;&lt;tt&gt;%3&lt;/tt&gt;&lt;/p&gt;&lt;p&gt;Ausgestellt für %4 von %5, gültig bis %6. Vergleichen Sie den Fingerabdruck mit dem, den Ihr Administrator Ihnen gegeben hat. Genau diesem Zertifikat für diesen Server künftig vertrauen?&lt;/p&gt;</translation>
    </message>
    <message>
        <source>the server&apos;s certificate (%1) is not trusted: not signed in</source>
        <translation>dem Zertifikat des Servers (%1) wird nicht vertraut: nicht angemeldet</translation>
    </message>
    <message>
        <source>Trust this certificate</source>
        <translation>Diesem Zertifikat vertrauen</translation>
    </message>
</context>
<context>
    <name>mlm::SignInDialog</name>
    <message>
        <source>Sign in - MLM Back Office</source>
        <translation>Anmelden - MLM-Backoffice</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Sign in&lt;/h3&gt;</source>
        <translation>&lt;h3&gt;Anmelden&lt;/h3&gt;</translation>
    </message>
    <message>
        <source>Database: %1</source>
        <translation>Datenbank: %1</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>&amp;Benutzername:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Passwort:</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Anmelden</translation>
    </message>
</context>
<context>
    <name>mlm::StatementDialog</name>
    <message>
        <source>Level commission</source>
        <translation>Ebenenprovision</translation>
    </message>
    <message>
        <source>Retail profit</source>
        <translation>Einzelhandelsgewinn</translation>
    </message>
    <message>
        <source>Clawback</source>
        <translation>Rückbuchung</translation>
    </message>
    <message>
        <source>back office</source>
        <translation>Backoffice</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>Ebene</translation>
    </message>
    <message>
        <source>Rate</source>
        <translation>Satz</translation>
    </message>
    <message>
        <source>Store</source>
        <translation>Shop</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Bestellung</translation>
    </message>
    <message>
        <source>Base</source>
        <translation>Basis</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Betrag</translation>
    </message>
    <message>
        <source>Statement of %1 for %2</source>
        <translation>Abrechnung von %1 für %2</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; (%2), %3, %4&lt;br&gt;Personal volume %5 PV, %6. Total &lt;b&gt;%7 %8&lt;/b&gt;.</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; (%2), %3, %4&lt;br&gt;Eigenvolumen %5 PV, %6. Summe &lt;b&gt;%7 %8&lt;/b&gt;.</translation>
    </message>
    <message>
        <source>closed period</source>
        <translation>abgeschlossener Zeitraum</translation>
    </message>
    <message>
        <source>open period: amounts may still change</source>
        <translation>offener Zeitraum: Beträge können sich noch ändern</translation>
    </message>
    <message>
        <source>qualified</source>
        <translation>qualifiziert</translation>
    </message>
    <message>
        <source>not qualified</source>
        <translation>nicht qualifiziert</translation>
    </message>
    <message>
        <source>&amp;Print...</source>
        <translation>&amp;Drucken...</translation>
    </message>
    <message>
        <source>Save &amp;PDF...</source>
        <translation>&amp;PDF speichern...</translation>
    </message>
    <message>
        <source>Save &amp;CSV...</source>
        <translation>&amp;CSV speichern...</translation>
    </message>
    <message>
        <source>Save statement as PDF</source>
        <translation>Abrechnung als PDF speichern</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF-Dateien (*.pdf)</translation>
    </message>
    <message>
        <source>Save statement as CSV</source>
        <translation>Abrechnung als CSV speichern</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Commission statement&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;Provisionsabrechnung&lt;/h2&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;%1&lt;/b&gt; (%2)&lt;br&gt;Period %3 (%4)&lt;br&gt;Personal volume %5 PV, %6&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;%1&lt;/b&gt; (%2)&lt;br&gt;Zeitraum %3 (%4)&lt;br&gt;Eigenvolumen %5 PV, %6&lt;/p&gt;</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>abgeschlossen</translation>
    </message>
    <message>
        <source>open: amounts may still change</source>
        <translation>offen: Beträge können sich noch ändern</translation>
    </message>
    <message>
        <source>&lt;p&gt;Retail profit %1, levels %2, clawbacks %3.&lt;br&gt;&lt;b&gt;Total %4 %5&lt;/b&gt;&lt;/p&gt;</source>
        <translation>&lt;p&gt;Einzelhandelsgewinn %1, Ebenen %2, Rückbuchungen %3.&lt;br&gt;&lt;b&gt;Summe %4 %5&lt;/b&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>&lt; Pre&amp;vious</source>
        <translation>&lt; &amp;Zurück</translation>
    </message>
    <message>
        <source>&amp;Next &gt;</source>
        <translation>&amp;Weiter &gt;</translation>
    </message>
    <message>
        <source>A statement of more than one page is saved as CSV.</source>
        <translation>Eine Abrechnung mit mehr als einer Seite wird als CSV gespeichert.</translation>
    </message>
    <message>
        <source>Lines %1-%2 of %3</source>
        <translation>Zeilen %1-%2 von %3</translation>
    </message>
    <message>
        <source>the statement&apos;s other lines cannot be read</source>
        <translation>die übrigen Zeilen der Abrechnung können nicht gelesen werden</translation>
    </message>
</context>
<context>
    <name>mlm::StatusChangeDialog</name>
    <message>
        <source>Change the status of %1</source>
        <translation>Status von %1 ändern</translation>
    </message>
    <message>
        <source>Why? It is kept in the member&apos;s history</source>
        <translation>Warum? Der Grund wird im Verlauf des Mitglieds aufbewahrt</translation>
    </message>
    <message>
        <source>%1 (%2) is now &lt;b&gt;%3&lt;/b&gt;.</source>
        <translation>%1 (%2) ist jetzt &lt;b&gt;%3&lt;/b&gt;.</translation>
    </message>
    <message>
        <source>New &amp;status:</source>
        <translation>Neuer &amp;Status:</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>&amp;Grund:</translation>
    </message>
    <message>
        <source>Change status</source>
        <translation>Status ändern</translation>
    </message>
</context>
<context>
    <name>mlm::StoresView</name>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Scenario</source>
        <translation>Szenario</translation>
    </message>
    <message>
        <source>&amp;Save store</source>
        <translation>Shop &amp;speichern</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Schlüssel</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Bezeichnung</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Stand</translation>
    </message>
    <message>
        <source>&amp;Create key...</source>
        <translation>Schlüssel &amp;erstellen...</translation>
    </message>
    <message>
        <source>&amp;Revoke key</source>
        <translation>Schlüssel &amp;widerrufen</translation>
    </message>
    <message>
        <source>https://shop.example.com</source>
        <translation>https://shop.example.com</translation>
    </message>
    <message>
        <source>https://shop.example.com/?ref={code}</source>
        <translation>https://shop.example.com/?ref={code}</translation>
    </message>
    <message>
        <source>Member code; buyers without a link are placed under it</source>
        <translation>Mitgliedscode; Käufer ohne Link werden darunter platziert</translation>
    </message>
    <message>
        <source>Store saved</source>
        <translation>Shop gespeichert</translation>
    </message>
    <message>
        <source>&amp;New store</source>
        <translation>&amp;Neuer Shop</translation>
    </message>
    <message>
        <source>New API key</source>
        <translation>Neuer API-Schlüssel</translation>
    </message>
    <message>
        <source>A label for the key (who or what will use it):</source>
        <translation>Eine Bezeichnung für den Schlüssel (wer oder was ihn verwendet):</translation>
    </message>
    <message>
        <source>This is the whole key. Copy it now: it is shown only once and cannot be read again.</source>
        <translation>Das ist der ganze Schlüssel. Kopieren Sie ihn jetzt: Er wird nur einmal angezeigt und kann nicht wieder gelesen werden.</translation>
    </message>
    <message>
        <source>Copy key</source>
        <translation>Schlüssel kopieren</translation>
    </message>
    <message>
        <source>Revoke API key</source>
        <translation>API-Schlüssel widerrufen</translation>
    </message>
    <message>
        <source>Revoke the key %1? Requests with it are refused from now on; this cannot be undone.</source>
        <translation>Den Schlüssel %1 widerrufen? Anfragen damit werden ab jetzt abgelehnt; das lässt sich nicht rückgängig machen.</translation>
    </message>
    <message>
        <source>C&amp;ode:</source>
        <translation>C&amp;ode:</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Base URL:</source>
        <translation>&amp;Basis-URL:</translation>
    </message>
    <message>
        <source>S&amp;cenario:</source>
        <translation>S&amp;zenario:</translation>
    </message>
    <message>
        <source>&amp;Link template:</source>
        <translation>&amp;Link-Vorlage:</translation>
    </message>
    <message>
        <source>Example link:</source>
        <translation>Beispiellink:</translation>
    </message>
    <message>
        <source>&amp;Default sponsor:</source>
        <translation>&amp;Standardsponsor:</translation>
    </message>
    <message>
        <source>&amp;Pinned tier:</source>
        <translation>&amp;Feste Preisstufe:</translation>
    </message>
    <message>
        <source>Store</source>
        <translation>Shop</translation>
    </message>
    <message>
        <source>A store&apos;s server sends its key with every API request.</source>
        <translation>Der Server eines Shops sendet seinen Schlüssel mit jeder API-Anfrage.</translation>
    </message>
    <message>
        <source>API keys of this store</source>
        <translation>API-Schlüssel dieses Shops</translation>
    </message>
    <message>
        <source>None: each buyer&apos;s own tier</source>
        <translation>Keine: die eigene Stufe jedes Käufers</translation>
    </message>
    <message>
        <source>(no template: the store makes no referral links)</source>
        <translation>(keine Vorlage: der Shop erzeugt keine Empfehlungslinks)</translation>
    </message>
    <message>
        <source>The template must contain {code}, where each link&apos;s code goes.</source>
        <translation>Die Vorlage muss {code} enthalten, wo der Code jedes Links steht.</translation>
    </message>
    <message>
        <source>revoked %1</source>
        <translation>widerrufen am %1</translation>
    </message>
    <message>
        <source>active</source>
        <translation>aktiv</translation>
    </message>
    <message>
        <source>Save the store first.</source>
        <translation>Speichern Sie zuerst den Shop.</translation>
    </message>
    <message>
        <source>API key %1 created</source>
        <translation>API-Schlüssel %1 erstellt</translation>
    </message>
    <message>
        <source>Select a key first.</source>
        <translation>Wählen Sie zuerst einen Schlüssel.</translation>
    </message>
    <message>
        <source>API key %1 revoked</source>
        <translation>API-Schlüssel %1 widerrufen</translation>
    </message>
    <message>
        <source>Revoke key</source>
        <translation>Schlüssel widerrufen</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>Kopiert</translation>
    </message>
</context>
<context>
    <name>mlm::TierDialog</name>
    <message>
        <source>New price tier</source>
        <translation>Neue Preisstufe</translation>
    </message>
    <message>
        <source>e.g. vip (a-z, 0-9 and _)</source>
        <translation>z. B. vip (a-z, 0-9 und _)</translation>
    </message>
    <message>
        <source>e.g. VIP customers</source>
        <translation>z. B. VIP-Kunden</translation>
    </message>
    <message>
        <source>&amp;Code:</source>
        <translation>&amp;Code:</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>Until a product gets a price in the new tier, buyers in it pay the retail price. A store can pin its buyers to a tier.</source>
        <translation>Bis ein Produkt einen Preis in der neuen Stufe bekommt, zahlen Käufer dieser Stufe den Einzelhandelspreis. Ein Shop kann seine Käufer auf eine Stufe festlegen.</translation>
    </message>
    <message>
        <source>Add tier</source>
        <translation>Stufe hinzufügen</translation>
    </message>
</context>
<context>
    <name>mlm::UserDialog</name>
    <message>
        <source>The member this distributor is</source>
        <translation>Das Mitglied, das dieser Vertriebspartner ist</translation>
    </message>
    <message>
        <source>At least %1 characters</source>
        <translation>Mindestens %1 Zeichen</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>&amp;Benutzername:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Passwort:</translation>
    </message>
    <message>
        <source>&amp;Repeat it:</source>
        <translation>&amp;Wiederholen:</translation>
    </message>
    <message>
        <source>R&amp;ole:</source>
        <translation>R&amp;olle:</translation>
    </message>
    <message>
        <source>&amp;Member:</source>
        <translation>&amp;Mitglied:</translation>
    </message>
    <message>
        <source>New user</source>
        <translation>Neuer Benutzer</translation>
    </message>
    <message>
        <source>Add user</source>
        <translation>Benutzer hinzufügen</translation>
    </message>
    <message>
        <source>Role of %1</source>
        <translation>Rolle von %1</translation>
    </message>
    <message>
        <source>Change role</source>
        <translation>Rolle ändern</translation>
    </message>
    <message>
        <source>New password for %1</source>
        <translation>Neues Passwort für %1</translation>
    </message>
    <message>
        <source>Set password</source>
        <translation>Passwort setzen</translation>
    </message>
    <message>
        <source>the two passwords differ</source>
        <translation>die beiden Passwörter unterscheiden sich</translation>
    </message>
</context>
<context>
    <name>mlm::UsersView</name>
    <message>
        <source>&amp;Add user...</source>
        <translation>Benutzer &amp;hinzufügen...</translation>
    </message>
    <message>
        <source>Change &amp;role...</source>
        <translation>&amp;Rolle ändern...</translation>
    </message>
    <message>
        <source>Set &amp;password...</source>
        <translation>&amp;Passwort setzen...</translation>
    </message>
    <message>
        <source>&amp;Disable</source>
        <translation>&amp;Deaktivieren</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>Mitglied</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Stand</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>Seit</translation>
    </message>
    <message>
        <source>Disable user</source>
        <translation>Benutzer deaktivieren</translation>
    </message>
    <message>
        <source>Disable %1? The account stays, but cannot sign in until it is enabled again.</source>
        <translation>%1 deaktivieren? Das Konto bleibt, kann sich aber nicht anmelden, bis es wieder aktiviert wird.</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <source>active</source>
        <translation>aktiv</translation>
    </message>
    <message>
        <source>disabled</source>
        <translation>deaktiviert</translation>
    </message>
    <message>
        <source>&amp;Enable</source>
        <translation>&amp;Aktivieren</translation>
    </message>
    <message>
        <source>Select a user first.</source>
        <translation>Wählen Sie zuerst einen Benutzer.</translation>
    </message>
    <message>
        <source>%1 may sign in again</source>
        <translation>%1 darf sich wieder anmelden</translation>
    </message>
    <message>
        <source>%1 is disabled</source>
        <translation>%1 ist deaktiviert</translation>
    </message>
    <message>
        <source>Users saved</source>
        <translation>Benutzer gespeichert</translation>
    </message>
    <message>
        <source>You are signed in as this user: another administrator can disable it.</source>
        <translation>Sie sind als dieser Benutzer angemeldet: ein anderer Administrator kann ihn deaktivieren.</translation>
    </message>
</context>
<context>
    <name>mlm_server</name>
    <message>
        <source>the database %1 is at schema version %2, this server needs %3: run mlmctl --db URL init first</source>
        <translation>die Datenbank %1 hat die Schemaversion %2, dieser Server braucht %3: führen Sie zuerst mlmctl --db URL init aus</translation>
    </message>
    <message>
        <source>cannot share the listening socket: %1</source>
        <translation>der lauschende Socket kann nicht geteilt werden: %1</translation>
    </message>
    <message>
        <source>mlm-server: at most %1 connections: the limit of open files is %2 (LimitNOFILE, ulimit -n)</source>
        <translation>mlm-server: höchstens %1 Verbindungen: die Grenze offener Dateien ist %2 (LimitNOFILE, ulimit -n)</translation>
    </message>
    <message>
        <source>HTTPS</source>
        <translation>HTTPS</translation>
    </message>
    <message>
        <source>plain HTTP on loopback</source>
        <translation>einfaches HTTP auf Loopback</translation>
    </message>
    <message>
        <source>plain HTTP, allowed by --allow-plain-http: a TLS-terminating proxy must be in front</source>
        <translation>einfaches HTTP, erlaubt durch --allow-plain-http: davor muss ein TLS-terminierender Proxy stehen</translation>
    </message>
    <message>
        <source>mlm-server: listening on %1://%2:%3 (%4; %5 threads, database %6)</source>
        <translation>mlm-server: lauscht auf %1://%2:%3 (%4; %5 Threads, Datenbank %6)</translation>
    </message>
</context>
<context>
    <name>mlmctl</name>
    <message>
        <source>option --%1 needs a value</source>
        <translation>die Option --%1 braucht einen Wert</translation>
    </message>
    <message>
        <source>--%1 must be a whole number of at least %2, not &apos;%3&apos;</source>
        <translation>--%1 muss eine ganze Zahl von mindestens %2 sein, nicht &apos;%3&apos;</translation>
    </message>
    <message>
        <source>import failed, nothing was changed: %1</source>
        <translation>Import fehlgeschlagen, nichts wurde geändert: %1</translation>
    </message>
    <message>
        <source>imported %1 members, %2 products, %3 stores, %4 links, %5 customers, %6 orders</source>
        <translation>importiert: Mitglieder %1, Produkte %2, Shops %3, Links %4, Kunden %5, Bestellungen %6</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>database %1 is at schema version %2</source>
        <translation>die Datenbank %1 hat die Schemaversion %2</translation>
    </message>
    <message>
        <source>database: %1, schema version %2</source>
        <translation>Datenbank: %1, Schemaversion %2</translation>
    </message>
    <message>
        <source>currency: %1</source>
        <translation>Währung: %1</translation>
    </message>
    <message>
        <source>not set</source>
        <translation>nicht gesetzt</translation>
    </message>
    <message>
        <source>products: %1</source>
        <translation>Produkte: %1</translation>
    </message>
    <message>
        <source>stores: %1</source>
        <translation>Shops: %1</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>orders: %1</source>
        <translation>Bestellungen: %1</translation>
    </message>
    <message>
        <source>paid between %1 and %2</source>
        <translation>bezahlt zwischen %1 und %2</translation>
    </message>
    <message>
        <source>usage: mlmctl --db URL import FILE.json</source>
        <translation>Aufruf: mlmctl --db URL import DATEI.json</translation>
    </message>
    <message>
        <source>usage: mlmctl --db URL export FILE.json</source>
        <translation>Aufruf: mlmctl --db URL export DATEI.json</translation>
    </message>
    <message>
        <source>export failed: %1</source>
        <translation>Export fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>usage: mlmctl --db URL order refund --store CODE --external-id ID --at ISO8601</source>
        <translation>Aufruf: mlmctl --db URL order refund --store CODE --external-id ID --at ISO8601</translation>
    </message>
    <message>
        <source>--at &apos;%1&apos; is not an ISO 8601 date-time such as 2026-10-05T12:00:00Z</source>
        <translation>--at &apos;%1&apos; ist kein ISO-8601-Zeitpunkt wie 2026-10-05T12:00:00Z</translation>
    </message>
    <message>
        <source>order %1 refunded at %2</source>
        <translation>Bestellung %1 erstattet am %2</translation>
    </message>
    <message>
        <source>unknown command &apos;%1&apos;; see mlmctl --help</source>
        <translation>unbekannter Befehl &apos;%1&apos;; siehe mlmctl --help</translation>
    </message>
    <message>
        <source>--period &apos;%1&apos; is not a month such as 2026-10</source>
        <translation>--period &apos;%1&apos; ist kein Monat wie 2026-10</translation>
    </message>
    <message>
        <source>--format &apos;%1&apos; is not json or csv</source>
        <translation>--format &apos;%1&apos; ist weder json noch csv</translation>
    </message>
    <message>
        <source>usage: mlmctl --db URL commissions statement --period YYYY-MM --member CODE</source>
        <translation>Aufruf: mlmctl --db URL commissions statement --period JJJJ-MM --member CODE</translation>
    </message>
    <message>
        <source>unknown command &apos;commissions %1&apos;; see mlmctl --help</source>
        <translation>unbekannter Befehl &apos;commissions %1&apos;; siehe mlmctl --help</translation>
    </message>
    <message>
        <source>usage: mlmctl --db URL store key create --store CODE [--label TEXT]</source>
        <translation>Aufruf: mlmctl --db URL store key create --store CODE [--label TEXT]</translation>
    </message>
    <message>
        <source>API key %1 (id %2) for store %3: keep it now, it is not shown again</source>
        <translation>API-Schlüssel %1 (ID %2) für den Shop %3: bewahren Sie ihn jetzt auf, er wird nicht wieder angezeigt</translation>
    </message>
    <message>
        <source>API key %1 revoked</source>
        <translation>API-Schlüssel %1 widerrufen</translation>
    </message>
    <message>
        <source>unknown command &apos;store %1&apos;; see mlmctl --help</source>
        <translation>unbekannter Befehl &apos;store %1&apos;; siehe mlmctl --help</translation>
    </message>
    <message>
        <source>usage: mlmctl user list | user add NAME --role admin|support|distributor [--member CODE] | user passwd NAME | user disable NAME | user enable NAME</source>
        <translation>Aufruf: mlmctl user list | user add NAME --role admin|support|distributor [--member CODE] | user passwd NAME | user disable NAME | user enable NAME</translation>
    </message>
    <message>
        <source>--role must be admin, support or distributor</source>
        <translation>--role muss admin, support oder distributor sein</translation>
    </message>
    <message>
        <source>Password for %1: </source>
        <translation>Passwort für %1: </translation>
    </message>
    <message>
        <source>user %1 added (%2)</source>
        <translation>Benutzer %1 hinzugefügt (%2)</translation>
    </message>
    <message>
        <source>New password for %1: </source>
        <translation>Neues Passwort für %1: </translation>
    </message>
    <message>
        <source>password of %1 changed</source>
        <translation>Passwort von %1 geändert</translation>
    </message>
    <message>
        <source>user %1 enabled</source>
        <translation>Benutzer %1 aktiviert</translation>
    </message>
    <message>
        <source>user %1 disabled</source>
        <translation>Benutzer %1 deaktiviert</translation>
    </message>
    <message>
        <source>unknown command &apos;user %1&apos;; see mlmctl --help</source>
        <translation>unbekannter Befehl &apos;user %1&apos;; siehe mlmctl --help</translation>
    </message>
    <message>
        <source>demo company created in %1: %2 members, %3 orders; users admin, support and distributor (passwords admin-demo, support-demo, distributor-demo)</source>
        <translation>Demo-Unternehmen in %1 angelegt: Mitglieder %2, Bestellungen %3; Benutzer admin, support und distributor (Passwörter admin-demo, support-demo, distributor-demo)</translation>
    </message>
    <message>
        <source>--today must be a date YYYY-MM-DD, not &apos;%1&apos;</source>
        <translation>--today muss ein Datum JJJJ-MM-TT sein, nicht &apos;%1&apos;</translation>
    </message>
    <message>
        <source>Usage: mlmctl [--db URL] COMMAND ...

URL: sqlite:///abs/path.db, sqlite:relative.db or postgresql://user:pass@host:port/dbname
     (default: $MLM_DB, else a SQLite file in the user&apos;s data folder)

Commands:
  init                                  create or upgrade the schema
  info                                  what the database holds: members, stores, orders
  import FILE.json [--progress]         load a dataset file, all or nothing
  export FILE.json                      write the whole database as a dataset file (- for stdout)
  order refund --store CODE --external-id ID --at ISO8601
                                        refund a paid order (store - is the back office)
  commissions run --period YYYY-MM [--close] [--format json|csv]
                                        compute a month&apos;s commissions (a preview, or --close it for good)
  commissions show --period YYYY-MM [--format json|csv]
                                        the stored run of a closed month
  commissions statement --period YYYY-MM --member CODE
                                        every order that paid a member that month, with level and rate
  store list                            the stores with their scenario and link template
  store key create --store CODE [--label TEXT]
                                        make an API key for a store; it is printed once, never again
  store key list [--store CODE]         the API keys (id, prefix, store, label, created, revoked)
  store key revoke ID|PREFIX            revoke an API key at once
  user list                             the users of the desktop program, their role and member
  user add NAME --role admin|support|distributor [--member CODE]
                                        add a user; the password is read from standard input
  user passwd NAME                      set a new password (read from standard input)
  user disable NAME | user enable NAME  refuse or allow a user&apos;s sign-in
  demo [--today YYYY-MM-DD]             create the demo company, its year ending today (an empty database
                                        is expected)
  seed --members N --orders M [--months K] [--seed S] [--last-period YYYY-MM] [--out FILE.json]
                                        write a synthetic company as a dataset file
  --as USER                             import, export, order, commissions, store and user act as that user
                                        of the program, with its role&apos;s rights (default: an administrator)
  --version, --help
</source>
        <translation>Aufruf: mlmctl [--db URL] BEFEHL ...

URL: sqlite:///abs/pfad.db, sqlite:relativ.db oder postgresql://user:pass@host:port/dbname
     (Standard: $MLM_DB, sonst eine SQLite-Datei im Datenordner des Benutzers)

Befehle:
  init                                  das Schema anlegen oder aktualisieren
  info                                  was die Datenbank enthält: Mitglieder, Shops, Bestellungen
  import FILE.json [--progress]         eine Datensatzdatei laden, ganz oder gar nicht
  export FILE.json                      die ganze Datenbank als Datensatzdatei schreiben (- für stdout)
  order refund --store CODE --external-id ID --at ISO8601
                                        eine bezahlte Bestellung erstatten (Shop - ist das Backoffice)
  commissions run --period YYYY-MM [--close] [--format json|csv]
                                        die Provisionen eines Monats berechnen (Vorschau, oder mit --close endgültig)
  commissions show --period YYYY-MM [--format json|csv]
                                        die gespeicherte Abrechnung eines abgeschlossenen Monats
  commissions statement --period YYYY-MM --member CODE
                                        jede Bestellung, die einem Mitglied in dem Monat etwas einbrachte, mit Ebene und Satz
  store list                            die Shops mit Szenario und Link-Vorlage
  store key create --store CODE [--label TEXT]
                                        einen API-Schlüssel für einen Shop erzeugen; er wird einmal ausgegeben, nie wieder
  store key list [--store CODE]         die API-Schlüssel (ID, Präfix, Shop, Bezeichnung, erstellt, widerrufen)
  store key revoke ID|PREFIX            einen API-Schlüssel sofort widerrufen
  user list                             die Benutzer des Desktop-Programms, ihre Rolle und ihr Mitglied
  user add NAME --role admin|support|distributor [--member CODE]
                                        einen Benutzer hinzufügen; das Passwort wird von der Standardeingabe gelesen
  user passwd NAME                      ein neues Passwort setzen (von der Standardeingabe)
  user disable NAME | user enable NAME  die Anmeldung eines Benutzers sperren oder erlauben
  demo [--today JJJJ-MM-TT]             das Demo-Unternehmen anlegen, sein Jahr endet heute (eine leere
                                        Datenbank wird erwartet)
  seed --members N --orders M [--months K] [--seed S] [--last-period YYYY-MM] [--out FILE.json]
                                        ein synthetisches Unternehmen als Datensatzdatei schreiben
  --as USER                             import, export, order, commissions, store und user handeln als dieser
                                        Benutzer des Programms, mit den Rechten seiner Rolle (sonst: ein Administrator)
  --version, --help
</translation>
    </message>
    <message>
        <source>the user %1 is disabled</source>
        <translation>der Benutzer %1 ist deaktiviert</translation>
    </message>
    <message>
        <source>unknown option --%1 (mlmctl --help lists them)</source>
        <translation>unbekannte Option --%1 (mlmctl --help führt sie auf)</translation>
    </message>
</context>
</TS>

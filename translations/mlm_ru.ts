<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru">
<context>
    <name>ApiKeys</name>
    <message>
        <source>a key&apos;s label has at most 200 characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no API key &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API key %1 was revoked on %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the API key is not valid</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Catalog</name>
    <message>
        <source>no price tier &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tier code &apos;%1&apos; is not valid: use 2-32 characters of a-z, 0-9 and _</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a tier needs a name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the tier &apos;%1&apos; exists already</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown sku &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sku &apos;%1&apos; is not valid: 1-64 characters without spaces</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>product %1 needs a name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>product %1: pv and bv must be 0 or more</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>product %1 needs a retail price</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>product %1: the %2 price must be 0 or more</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the sku &apos;%1&apos; exists already</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a price must be 0 or more</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no product with sku &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: no price tier &apos;%2&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the retail price cannot be removed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the %2 price must be 0 or more</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no price was changed: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CommissionRuns</name>
    <message>
        <source>the period %1 is closed: its run can no longer change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the period %1 was closed by someone else</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the period %1 is not closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no member with code &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the run was cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the network</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the period&apos;s orders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading refunds to claw back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Computing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Computed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CompensationPlan</name>
    <message>
        <source>plan.levels_bp must be an array of at most %1 rates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>plan.levels_bp[%1] must be a whole number of basis points from 0 to 10000</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>plan.qualification_pv must be a whole number of hundredths of a point, 0 or more</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>plan.%1 must be true or false</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the stored plan levels &apos;%1&apos; are not valid</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Contact</name>
    <message>
        <source>a name is required (at most %1 characters)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not an email address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a phone number has at most %1 characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a country has at most %1 characters</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Database</name>
    <message>
        <source>the Qt SQL driver %1 is not installed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot open %1: the folder %2 does not exist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot open %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot set up %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>database error: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot begin a transaction: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the transaction was rolled back by an inner failure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot commit: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DatabaseUrl</name>
    <message>
        <source>SQLite URL &apos;%1&apos; must be sqlite:///absolute/path or sqlite:relative/path</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SQLite URL &apos;%1&apos; names no file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PostgreSQL URL &apos;%1&apos; is not valid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PostgreSQL URL &apos;%1&apos; must name one database: postgresql://user:pass@host:port/db</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unsupported database URL &apos;%1&apos;: use sqlite:///path.db, sqlite:path.db or postgresql://user:pass@host:port/db</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DatasetExporter</name>
    <message>
        <source>cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the export was cancelled; no file was written</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DatasetImporter</name>
    <message>
        <source>a dataset file is one JSON object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: must be an array</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected &apos;,&apos; or &apos;}&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unexpected content after the dataset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the import was cancelled; nothing was changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>currency: the database holds orders in %1, not %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DatasetReader</name>
    <message>
        <source>&apos;external_id&apos; is required: a string of 1-128 characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>store &apos;%1&apos; does not exist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>duplicate external_id &apos;%1&apos; in %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>store &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the back office</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>give exactly one of &apos;member&apos; and &apos;customer&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>member &apos;%1&apos; does not exist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a back-office order is bought by a member, not a customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>customer &apos;%1&apos; does not exist in store &apos;%2&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bad status &apos;%1&apos;: use pending, paid, cancelled or refunded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a %1 order needs &apos;paid_at&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a %1 order has no &apos;paid_at&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a refunded order needs &apos;refunded_at&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>only a refunded order has &apos;refunded_at&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;refunded_at&apos; is before &apos;paid_at&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>only a cancelled order has &apos;cancelled_at&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown tier &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;lines&apos; must be an array of 1-%1 lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown sku &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>credited member &apos;%1&apos; does not exist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>format: expected &quot;mlm-dataset/1&quot;, found %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nothing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>currency: &apos;%1&apos; is not a three-letter ISO 4217 code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>plan: must be an object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tier code &apos;%1&apos; is not valid: use 2-32 characters of a-z, 0-9 and _</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the tier &apos;%1&apos; appears twice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;prices&apos; must be an object of tier -&gt; price</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>prices: unknown tier &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>duplicate sku &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>member code &apos;%1&apos; is not valid: use 2-32 characters of A-Z, a-z, 0-9, - and _</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bad status &apos;%1&apos;: use customer, distributor, suspended or terminated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>duplicate member code &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>duplicate email &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>members[%1] (code &apos;%2&apos;): sponsor &apos;%3&apos; does not exist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>members[%1] (code &apos;%2&apos;): a member cannot sponsor itself</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>members[%1] (code &apos;%2&apos;): sponsor cycle through &apos;%2&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bad scenario &apos;%1&apos;: use separate_channel, distributor_channel or personal_storefront</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>default sponsor &apos;%1&apos; does not exist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown pinned tier &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>duplicate store code &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>link code &apos;%1&apos; is not valid: use 4-32 characters of A-Z, a-z, 0-9 and -</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>duplicate link code &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not an email address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>link &apos;%1&apos; does not exist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>owner &apos;%1&apos; does not exist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>duplicate customer &apos;%1&apos; in store &apos;%2&apos;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DemoCompany</name>
    <message>
        <source>the demo dataset is missing from this build</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot create the demo (is the database empty?)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DownlineCharts</name>
    <message>
        <source>Month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Month (%1 to %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 PV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Company volume per month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Volume per month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All members&apos; volume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group volume (whole downline)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Personal volume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Volume (PV points)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New and active members per month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New members</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active (qualified) members</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Members</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Members per level of the tree</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Members per level below</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Top frontline legs by group volume, %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group volume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leg (first-line member)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group volume (PV points)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Members by status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Downline by status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 of %3 members</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DownlinePerformance</name>
    <message>
        <source>no member with id %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the dashboard was cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the network</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Counting statuses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Files</name>
    <message>
        <source>cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>JsonFields</name>
    <message>
        <source>%1: must be an object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;%1&apos; is required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;%1&apos; must be a string</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;%1&apos; is longer than %2 characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;%1&apos; must be a whole number from %2 to %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;%1&apos; must be true or false</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not an ISO 8601 date-time such as 2026-10-05T12:00:00Z: &apos;%2&apos;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>JsonReader</name>
    <message>
        <source>malformed JSON at line %1, offset %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unexpected end of the file, expected &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unterminated string</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>control character in a string</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bad \u escape</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bad escape</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a string is not valid UTF-8</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bad number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unexpected end of the file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nested deeper than %1 levels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected a key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected &apos;,&apos; or &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unexpected character</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the file is larger than 4 GB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unbalanced &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unexpected end of the file: &apos;%1&apos; is never closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected &apos;,&apos; or &apos;]&apos;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>Customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Distributor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Suspended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Terminated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Support</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refunded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Separate channel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Distributor channel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Personal storefront</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Buyers are ordinary retail customers of the store: they belong to no one and pay retail prices. Their orders are credited to nobody and pay no commissions. A distributor&apos;s referral link only leads to the registration of a new member under that distributor.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every buyer registers through the back office and becomes a member in status customer, in the first line of the member whose link they came with (or under the store&apos;s default sponsor). Buyers see the prices of their own tier; their orders are credited to them, and their upline earns commissions by the plan.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each distributor&apos;s link is their own store. Buyers register in the store only, as retail customers owned by the link&apos;s owner, and are never placed in the network. They pay retail prices; their orders are credited to the owner, who earns the retail profit, and count as the owner&apos;s personal volume for the upline&apos;s commissions.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Members</name>
    <message>
        <source>no member with code &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no member with id %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the email %1 is already used by member %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>member code &apos;%1&apos; is not valid: use 2-32 characters of A-Z, a-z, 0-9, - and _</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a new member starts as customer or distributor, not %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the member code &apos;%1&apos; is taken</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the sponsor &apos;%1&apos; does not exist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the sponsor &apos;%1&apos; is terminated and cannot sponsor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a reason is required to change a status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>member %1 cannot change from %2 to %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the new sponsor &apos;%1&apos; does not exist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the new sponsor &apos;%1&apos; is terminated and cannot sponsor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>member %1 cannot be its own sponsor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot move %1 under %2: %2 is in the downline of %1 (a cycle)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Migrations</name>
    <message>
        <source>migration %1 is missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the database has schema version %1, newer than this program&apos;s %2: upgrade the program</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>migration %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the upgrade was cancelled after %1 of %2 steps: the database is whole, at schema version %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Orders</name>
    <message>
        <source>no such order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no order &apos;%1&apos; in %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the back office</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>store %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an order needs an external id of 1-%1 characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an order needs exactly one buyer: a member or a customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an order needs 1-%1 lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a new order is pending or paid, not %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>order &apos;%1&apos; exists already with a different content</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a back-office order is bought by a member, not a customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no customer %1 in store %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>buyer %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>line %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>line %1: product %2 is not for sale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>order &apos;%1&apos; is %2 and cannot become %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>order &apos;%1&apos; cannot be refunded at %2, before it was paid (%3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>order &apos;%1&apos; was changed by someone else; try again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the new order&apos;s id was not returned</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Permissions</name>
    <message>
        <source>the user %1 is disabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a %1 user may not do this</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 sees its own downline only; this member is not in it</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PostgresBulkWriter</name>
    <message>
        <source>database error: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PriceSheet</name>
    <message>
        <source>nothing was changed; correct these lines:
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the file is empty: its first line must name the columns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>line 1: column %1 &apos;%2&apos; is neither sku, name nor a price tier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>line 1: there is no sku column</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>line %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 fields where the header has %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: no product with sku &apos;%2&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: sku &apos;%2&apos; appears a second time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the retail price of %2 is empty; every product needs one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the %2 price &apos;%3&apos; is not an amount like 12.50</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>there is nothing to paste</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>too many lines: %1 pasted; products from here down: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>line %1: too many cells: %2 pasted; tiers from here to the right: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>line %1: the retail price of %2 cannot be empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>line %1: &apos;%2&apos; for %3 (%4) is not an amount</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Pricing</name>
    <message>
        <source>a terminated member may not buy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>quantity %1 of %2 is not allowed: order 1 to %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the unit price of %1 may not be negative</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>product %1 has no price for tier %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the order&apos;s totals are too large</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 of %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the work did not finish</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Registrations</name>
    <message>
        <source>&apos;%1&apos; is not an email address; a registration needs one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a new member starts as customer or distributor, not %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>store &apos;%1&apos; has no default sponsor, and the registration came without a valid referral code: nobody to place the new member under</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RequestFields</name>
    <message>
        <source>the body is not valid UTF-8</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the body is not valid JSON: %1 at byte %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the body must be a JSON object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be a string</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must not be empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is longer than %1 characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must not contain control characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be a whole number from %1 to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not an ISO 8601 date-time such as 2026-10-05T12:00:00Z</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be an object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be an array</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must have %1 to %2 entries</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ServerConfig</name>
    <message>
        <source>--listen &apos;%1&apos; is not HOST:PORT such as 127.0.0.1:8080</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usage: mlm-server [--db URL] [--listen HOST:PORT] [--threads N] [--config FILE] [--no-access-log]

Serves the store-integration API (docs/api.md) under /api/v1.
  --db URL           sqlite:///abs/path.db or postgresql://user:pass@host:port/dbname
                     ($MLM_DB; config key db; default: the desktop&apos;s SQLite file)
  --listen HOST:PORT address to listen on ($MLM_LISTEN; config key listen; default 127.0.0.1:8080;
                     port 0 picks a free port)
  --threads N        worker threads, each with its own connection ($MLM_SERVER_THREADS;
                     config key threads; default: the number of cores)
  --config FILE      an INI file with the keys above and access_log=true|false ($MLM_SERVER_CONFIG)
  --no-access-log    no line per request (category mlm.api.access)
  --version, --help
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>option --%1 needs a value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown argument &apos;%1&apos;; see mlm-server --help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot read the configuration file %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the configuration file %1 is not an INI file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--threads &apos;%1&apos; is not a whole number from 1 to 64</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>access_log &apos;%1&apos; is not true or false</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Session</name>
    <message>
        <source>the sponsor chain of member %1 loops</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 manages its own referral links only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 sees its own orders only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>you cannot disable the user you are signed in as</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a distributor sees its own statements only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a distributor sees the dashboard of its own downline only</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SqliteBulkWriter</name>
    <message>
        <source>database error: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StoreApi</name>
    <message>
        <source>this API key acts for store &apos;%1&apos; only, not for &apos;%2&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the database failed; nothing was changed. Try again later</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no such endpoint; the API lives under %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no such endpoint: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not allowed here; use %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an API key is required: send the header Authorization: Bearer KEY</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the body has %1 bytes; the limit is %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>send the body as JSON with the header Content-Type: application/json</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no active referral link &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the referral link &apos;%1&apos; belongs to another store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be customer or distributor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ask for one buyer: member or customer, not both</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no customer &apos;%1&apos; in store &apos;%2&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>buyer: give exactly one of member (a member code) and customer (an email)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: must be an object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>prices come from the catalog by the buyer&apos;s tier; leave it out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a new order is pending or paid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>only a paid order has a payment time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be paid, cancelled or refunded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot open a socket: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot listen on %1 port %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot read the bound port</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Stores</name>
    <message>
        <source>store code &apos;%1&apos; is not valid: use 2-32 characters of A-Z, a-z, 0-9, - and _</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>store %1 needs a name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>store %1: the link template must contain {code}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no store with code &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no store with id %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the store code &apos;%1&apos; is taken</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no price tier &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no referral link &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>link code &apos;%1&apos; is not valid: use 4-32 characters of A-Z, a-z, 0-9 and -</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>member %1 is %2 and cannot own a link</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>could not generate a free link code; try again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the link code &apos;%1&apos; is taken</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the link &apos;%1&apos; is already inactive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not an email address; a retail customer needs one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>store %1: the base URL &apos;%2&apos; is not a web address like https://shop.example.com</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is terminated and cannot be a store&apos;s default sponsor</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SyntheticCompany</name>
    <message>
        <source>&apos;%1&apos; is not a period YYYY-MM</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>seed needs at least 1 member, 0 or more orders, 1-600 months and 1-24 products</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot write the dataset: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Users</name>
    <message>
        <source>a user name has 2-64 characters of A-Z, a-z, 0-9, &apos;.&apos;, &apos;_&apos;, &apos;@&apos; and &apos;-&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a password has at least %1 characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a password cannot be only spaces</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no user &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>only a distributor user stands for a member; %1 users do not</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a distributor user needs the member it signs in as</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>member %1 is terminated and cannot sign in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the user name &apos;%1&apos; is taken</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is the last active admin; make another admin first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>wrong user name or password</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>MLM back office</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database: sqlite:///path.db or postgresql://...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The user name to sign in with.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MLM Back Office</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open the database:
%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>self-test failed: cannot open the database %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mlm-backoffice %1: self-test passed (%2 pages, platform %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the database given with --db, show the main window as an administrator would see it, and quit: a check that the installed program runs.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>mlm::AuditView</name>
    <message>
        <source>Show &amp;more</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Members</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Orders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Referral links</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Products</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Price tiers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stores</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compensation plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Commission runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Users</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dataset imports</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>By (user:name, cli:name, api:store:code)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>any day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When (UTC)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>By</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Of</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Before:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No change recorded matches.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changes shown: %L1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>mlm::CatalogModel</name>
    <message>
        <source>%1 price of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has no %2 price of its own: buyers in this tier pay the retail price</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>for sale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>withdrawn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Price in the %1 tier (code %2), in %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SKU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Product</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>BV (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not an amount: type a price like %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>mlm::CatalogView</name>
    <message>
        <source>Price saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add product...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit product...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add &amp;tier...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Import price list...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E&amp;xport price list...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tier added</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import price list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export price list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Double-click a price to change it; leave it empty and the tier falls back to the retail price, shown in grey italics. Cells copied from a spreadsheet are pasted with Ctrl+V from the selected price on. Changes apply to orders placed from now on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a product first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Product %1 added</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Product %1 saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select the price cell where the pasted block begins.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Price list saved to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n price(s) pasted</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n price(s) read from %1.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>mlm::CommissionsModel</name>
    <message>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Qualified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retail profit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Level %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clawback</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Total</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>mlm::CommissionsView</name>
    <message>
        <source>&amp;Preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Close period...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payout &amp;file...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Statement...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paid as</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Members paid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Member code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close %1? Its commissions are computed once more and become final: the period can no longer change, and refunds after it are clawed back in a later period.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save payout file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payout file saved to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Statement of member:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Per member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Per level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pick a period; the statement lists every order that paid you in it, with its level, rate and amount.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>closed %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An open period: press Preview to compute what it would pay now. Nothing is stored until the period is closed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (closed, read-only)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (open)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Computing %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preview of %1 ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Level %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retail profit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clawbacks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Total</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closed run of %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preview of %1 with today&apos;s data; nothing is stored.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 members with volume or amounts, %2 of them paid. Total %3 %4: levels %5, retail profit %6, clawbacks %7.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select an open period first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a payout file is made for a closed period only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a period first.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>mlm::ContactDialog</name>
    <message>
        <source>Contact data of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Email:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Phone:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Country:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>mlm::CustomersView</name>
    <message>
        <source>Email begins with...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Owner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Came through</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Registered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Store:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nobody</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Showing the first %1: type more of the email to narrow it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n customer(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>mlm::DashboardView</name>
    <message>
        <source>&amp;Show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save as &amp;PDF...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Empty: the whole company</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Member code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save dashboard as PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dashboard saved to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save chart as PNG...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save chart as PNG</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chart saved to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hover for exact values; right-click to save the chart as PNG.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your downline:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Downline of:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>12 months up to:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pick a downline and a month, then Show.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Computing the company&apos;s dashboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Computing the dashboard of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The whole company: %1 members, %2 PV of volume in %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 members below, %3 PV of group volume in %4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Personal volume (PV)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Volume (PV)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group volume (PV)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New members</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active (qualified) members</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h3&gt;%1&lt;/h3&gt;&lt;table cellspacing=&quot;6&quot;&gt;&lt;tr&gt;&lt;th&gt;&lt;/th&gt;&lt;th align=&quot;right&quot;&gt;%1&lt;/th&gt;&lt;th align=&quot;right&quot;&gt;vs. %2&lt;/th&gt;&lt;/tr&gt;%3&lt;/table&gt;&lt;p&gt;%4&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>there is no chart to save yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot write %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>there is no dashboard to save yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%Ln member(s) today.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln member(s) below today.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>mlm::FirstAdminDialog</name>
    <message>
        <source>First administrator - MLM Back Office</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h3&gt;Welcome&lt;/h3&gt;This database has no users yet. Create the first administrator: they can then add the other users and give them their roles.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Repeat it:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At least %1 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create administrator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>mlm::InlineProgress</name>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: stopping...</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>mlm::LinksView</name>
    <message>
        <source>&amp;Copy URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save QR as PNG...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Deactivate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Member code, then Enter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>empty: 8 random characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;reate link</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deactivate link</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deactivate %1? It stops working at once and is never given to anyone else.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Member:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Store:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Own code:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New link</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>deactivated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a member first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Link %1 created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a link to see its QR code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a link first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Link %1 deactivated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save QR code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>mlm::MainWindow</name>
    <message>
        <source>MLM Back Office</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Network</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Find a member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About MLM Back Office</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;MLM Back Office&lt;/b&gt; %1&lt;br&gt;Distributors, customers, orders and commissions for direct-selling companies.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed in as %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, member %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Members</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Referral links</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Orders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open another database...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Import dataset...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import dataset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dataset files (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export dataset...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export dataset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Importing %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported %1 members and %2 orders.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exporting to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported to %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Main</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Users</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Performance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Commissions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Catalog</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stores</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compensation plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The system&apos;s language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The program will speak %1 from its next start.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>mlm::MembersModel</name>
    <message>
        <source>Code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sponsor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Joined</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>mlm::MembersView</name>
    <message>
        <source>Change status...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Code, name or email begins with...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n member(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;b&gt;Status history&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;i&gt;Select a member to see the details.&lt;/i&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Country</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sponsor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Joined</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No changes since joining</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 -&gt; %3
by %4: &quot;%5&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The status of %1 was changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit contact...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The contact data of %1 were saved</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>mlm::NetworkModel</name>
    <message>
        <source>%1, %2, sponsor %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Joined</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PV this month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Downline</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>mlm::NetworkView</name>
    <message>
        <source>&amp;Move to another sponsor...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find a member by code, email or name, then press Enter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nobody found</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n found; showing the first</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Select a member first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 now sits under %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Code of the new sponsor of %1 (its whole downline moves with it):</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>mlm::OpenDatabaseDialog</name>
    <message>
        <source>Open a database - MLM Back Office</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Browse...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a database file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Databases (*.db *.sqlite);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New file...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New database file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Databases (*.db)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recent files:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SQLite file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Host:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Database:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The password is not saved; it is asked for each time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PostgreSQL server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a file, or make a new one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host, database and user are needed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Upgrading the database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Upgrading the database (%1)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>mlm::OrderEntryDialog</name>
    <message>
        <source>Already &amp;paid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New back-office order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Member code, then Enter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Product</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Member:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, %2: prices of the %3 tier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Total: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the member who buys first.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>mlm::OrdersModel</name>
    <message>
        <source>back office</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nobody</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Buyer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Credited to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Total</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created (UTC)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>mlm::OrdersView</name>
    <message>
        <source>Mark &amp;paid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Cancel order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Refund...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New back-office order...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All stores</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back office</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Member code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;i&gt;Select an order to see its lines.&lt;/i&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h3&gt;Order %1&lt;/h3&gt;%2, %3&lt;br&gt;Total &lt;b&gt;%4&lt;/b&gt;, PV %5&lt;br&gt;Credited to %6</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>back office</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nobody</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 x %2 at %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select an order first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order %1 is now %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refund order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refund order %1 (%2)? Commissions already paid on it are clawed back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order %1 entered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Orders: %L1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Counting the orders...</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>mlm::PlanView</name>
    <message>
        <source>&amp;Compression</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Retail profit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save plan...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rate (%)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove &amp;last</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Level %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paid as</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edited plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save this plan? It applies to every period not closed yet; closed periods keep the plan they were closed with.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plan saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Levels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Level 1 is the buyer&apos;s sponsor. Each level pays its rate of the order&apos;s business volume (BV).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Qualification PV:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A distributor earns level commissions in a month when its own personal volume reaches this.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With compression, members who do not qualify are skipped: the next qualified upline takes their level.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The difference between the price a retail customer paid and the distributor price goes to the distributor credited.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rules</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preview for the period:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What the edited plan would pay (nothing is saved)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>level %1: &apos;%2&apos; is not a rate from 0 to 100 percent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the qualification PV &apos;%1&apos; is not a number of points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previewing %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retail profit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clawbacks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Total</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, amounts in %2: the saved plan pays %3 members, the edited plan %4.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>mlm::ProductDialog</name>
    <message>
        <source>For sale (active)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New product</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Product %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. VITA-30</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Points, e.g. %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Commissionable amount in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Price in %1; other tiers are set in the grid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;SKU:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;PV:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;BV (%1):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Retail price (%1):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add product</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PV must be a number of points like %1 or 0</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>BV must be an amount like %1 or 0</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the retail price must be an amount like %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>mlm::SignInDialog</name>
    <message>
        <source>Sign in - MLM Back Office</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h3&gt;Sign in&lt;/h3&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Database: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>mlm::StatementDialog</name>
    <message>
        <source>Level commission</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retail profit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clawback</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>back office</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Base</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Statement of %1 for %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; (%2), %3, %4&lt;br&gt;Personal volume %5 PV, %6. Total &lt;b&gt;%7 %8&lt;/b&gt;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>closed period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>open period: amounts may still change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>qualified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not qualified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Print...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save &amp;PDF...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save &amp;CSV...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save statement as PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save statement as CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h2&gt;Commission statement&lt;/h2&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;%1&lt;/b&gt; (%2)&lt;br&gt;Period %3 (%4)&lt;br&gt;Personal volume %5 PV, %6&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>open: amounts may still change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;Retail profit %1, levels %2, clawbacks %3.&lt;br&gt;&lt;b&gt;Total %4 %5&lt;/b&gt;&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>mlm::StatusChangeDialog</name>
    <message>
        <source>Change the status of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why? It is kept in the member&apos;s history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2) is now &lt;b&gt;%3&lt;/b&gt;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New &amp;status:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change status</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>mlm::StoresView</name>
    <message>
        <source>Code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scenario</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Label</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Create key...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Revoke key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>https://shop.example.com</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>https://shop.example.com/?ref={code}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Member code; buyers without a link are placed under it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Store saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New API key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A label for the key (who or what will use it):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is the whole key. Copy it now: it is shown only once and cannot be read again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revoke API key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revoke the key %1? Requests with it are refused from now on; this cannot be undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;ode:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Base URL:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;cenario:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Link template:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Example link:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Default sponsor:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Pinned tier:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A store&apos;s server sends its key with every API request.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API keys of this store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None: each buyer&apos;s own tier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no template: the store makes no referral links)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The template must contain {code}, where each link&apos;s code goes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>revoked %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the store first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API key %1 created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a key first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API key %1 revoked</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>mlm::TierDialog</name>
    <message>
        <source>New price tier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. vip (a-z, 0-9 and _)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. VIP customers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Code:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Until a product gets a price in the new tier, buyers in it pay the retail price. A store can pin its buyers to a tier.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add tier</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>mlm::UserDialog</name>
    <message>
        <source>The member this distributor is</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At least %1 characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Repeat it:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>R&amp;ole:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Member:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New password for %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the two passwords differ</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>mlm::UsersView</name>
    <message>
        <source>&amp;Add user...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change &amp;role...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set &amp;password...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Disable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Since</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disable user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disable %1? The account stays, but cannot sign in until it is enabled again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Users</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>disabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Enable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a user first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 may sign in again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is disabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Users saved</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>mlm_server</name>
    <message>
        <source>the database %1 is at schema version %2, this server needs %3: run mlmctl --db URL init first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mlm-server: listening on http://%1:%2 (%3 threads, database %4)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>mlmctl</name>
    <message>
        <source>option --%1 needs a value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--%1 must be a whole number of at least %2, not &apos;%3&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>import failed, nothing was changed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>imported %1 members, %2 products, %3 stores, %4 links, %5 customers, %6 orders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>database %1 is at schema version %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>database: %1, schema version %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>currency: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>products: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stores: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>orders: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>paid between %1 and %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>usage: mlmctl --db URL import FILE.json</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>usage: mlmctl --db URL export FILE.json</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>export failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>usage: mlmctl --db URL order refund --store CODE --external-id ID --at ISO8601</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--at &apos;%1&apos; is not an ISO 8601 date-time such as 2026-10-05T12:00:00Z</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>order %1 refunded at %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown command &apos;%1&apos;; see mlmctl --help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--period &apos;%1&apos; is not a month such as 2026-10</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--format &apos;%1&apos; is not json or csv</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>usage: mlmctl --db URL commissions statement --period YYYY-MM --member CODE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown command &apos;commissions %1&apos;; see mlmctl --help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>usage: mlmctl --db URL store key create --store CODE [--label TEXT]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API key %1 (id %2) for store %3: keep it now, it is not shown again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API key %1 revoked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown command &apos;store %1&apos;; see mlmctl --help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>usage: mlmctl user list | user add NAME --role admin|support|distributor [--member CODE] | user passwd NAME | user disable NAME | user enable NAME</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--role must be admin, support or distributor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password for %1: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>user %1 added (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New password for %1: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>password of %1 changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>user %1 enabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>user %1 disabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown command &apos;user %1&apos;; see mlmctl --help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>demo company created in %1: %2 members, %3 orders; users admin, support and distributor (passwords admin-demo, support-demo, distributor-demo)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>

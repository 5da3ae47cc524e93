<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es">
<context>
    <name>ApiKeys</name>
    <message>
        <source>a key&apos;s label has at most 200 characters</source>
        <translation>la etiqueta de una clave tiene como máximo 200 caracteres</translation>
    </message>
    <message>
        <source>no API key &apos;%1&apos;</source>
        <translation>no existe la clave de API &apos;%1&apos;</translation>
    </message>
    <message>
        <source>API key %1 was revoked on %2</source>
        <translation>la clave de API %1 fue revocada el %2</translation>
    </message>
    <message>
        <source>the API key is not valid</source>
        <translation>la clave de API no es válida</translation>
    </message>
</context>
<context>
    <name>Catalog</name>
    <message>
        <source>no price tier &apos;%1&apos;</source>
        <translation>no existe el nivel de precios &apos;%1&apos;</translation>
    </message>
    <message>
        <source>tier code &apos;%1&apos; is not valid: use 2-32 characters of a-z, 0-9 and _</source>
        <translation>el código de nivel &apos;%1&apos; no es válido: use 2-32 caracteres de a-z, 0-9 y _</translation>
    </message>
    <message>
        <source>a tier needs a name</source>
        <translation>un nivel de precios necesita un nombre</translation>
    </message>
    <message>
        <source>the tier &apos;%1&apos; exists already</source>
        <translation>el nivel de precios &apos;%1&apos; ya existe</translation>
    </message>
    <message>
        <source>unknown sku &apos;%1&apos;</source>
        <translation>SKU desconocido &apos;%1&apos;</translation>
    </message>
    <message>
        <source>sku &apos;%1&apos; is not valid: 1-64 characters without spaces</source>
        <translation>el SKU &apos;%1&apos; no es válido: 1-64 caracteres sin espacios</translation>
    </message>
    <message>
        <source>product %1 needs a name</source>
        <translation>el producto %1 necesita un nombre</translation>
    </message>
    <message>
        <source>product %1: pv and bv must be 0 or more</source>
        <translation>producto %1: PV y BV deben ser 0 o más</translation>
    </message>
    <message>
        <source>product %1 needs a retail price</source>
        <translation>el producto %1 necesita un precio de venta al público</translation>
    </message>
    <message>
        <source>product %1: the %2 price must be 0 or more</source>
        <translation>producto %1: el precio del nivel %2 debe ser 0 o más</translation>
    </message>
    <message>
        <source>the sku &apos;%1&apos; exists already</source>
        <translation>el SKU &apos;%1&apos; ya existe</translation>
    </message>
    <message>
        <source>a price must be 0 or more</source>
        <translation>un precio debe ser 0 o más</translation>
    </message>
    <message>
        <source>no product with sku &apos;%1&apos;</source>
        <translation>no hay ningún producto con el SKU &apos;%1&apos;</translation>
    </message>
    <message>
        <source>%1: no price tier &apos;%2&apos;</source>
        <translation>%1: no existe el nivel de precios &apos;%2&apos;</translation>
    </message>
    <message>
        <source>%1: the retail price cannot be removed</source>
        <translation>%1: el precio de venta al público no se puede quitar</translation>
    </message>
    <message>
        <source>%1: the %2 price must be 0 or more</source>
        <translation>%1: el precio del nivel %2 debe ser 0 o más</translation>
    </message>
    <message>
        <source>no price was changed: %1</source>
        <translation>no se cambió ningún precio: %1</translation>
    </message>
</context>
<context>
    <name>CommissionRuns</name>
    <message>
        <source>the period %1 is closed: its run can no longer change</source>
        <translation>el periodo %1 está cerrado: su cálculo ya no puede cambiar</translation>
    </message>
    <message>
        <source>the period %1 was closed by someone else</source>
        <translation>otra persona cerró el periodo %1</translation>
    </message>
    <message>
        <source>the period %1 is not closed</source>
        <translation>el periodo %1 no está cerrado</translation>
    </message>
    <message>
        <source>no member with code &apos;%1&apos;</source>
        <translation>no hay ningún miembro con el código &apos;%1&apos;</translation>
    </message>
    <message>
        <source>the run was cancelled</source>
        <translation>el cálculo se canceló</translation>
    </message>
    <message>
        <source>Reading the network</source>
        <translation>Leyendo la red</translation>
    </message>
    <message>
        <source>Reading the period&apos;s orders</source>
        <translation>Leyendo los pedidos del periodo</translation>
    </message>
    <message>
        <source>Reading refunds to claw back</source>
        <translation>Leyendo los reembolsos que hay que descontar</translation>
    </message>
    <message>
        <source>Computing</source>
        <translation>Calculando</translation>
    </message>
    <message>
        <source>Computed</source>
        <translation>Calculado</translation>
    </message>
    <message>
        <source>a statement&apos;s first line must be 0 or more, not %1</source>
        <translation>la primera línea de un extracto debe ser 0 o más, no %1</translation>
    </message>
</context>
<context>
    <name>CompensationPlan</name>
    <message>
        <source>plan.levels_bp must be an array of at most %1 rates</source>
        <translation>plan.levels_bp debe ser un array de como máximo %1 tasas</translation>
    </message>
    <message>
        <source>plan.levels_bp[%1] must be a whole number of basis points from 0 to 10000</source>
        <translation>plan.levels_bp[%1] debe ser un número entero de puntos básicos de 0 a 10000</translation>
    </message>
    <message>
        <source>plan.qualification_pv must be a whole number of hundredths of a point, 0 or more</source>
        <translation>plan.qualification_pv debe ser un número entero de centésimas de punto, 0 o más</translation>
    </message>
    <message>
        <source>plan.%1 must be true or false</source>
        <translation>plan.%1 debe ser true o false</translation>
    </message>
    <message>
        <source>the stored plan levels &apos;%1&apos; are not valid</source>
        <translation>los niveles del plan guardados &apos;%1&apos; no son válidos</translation>
    </message>
</context>
<context>
    <name>Contact</name>
    <message>
        <source>a name is required (at most %1 characters)</source>
        <translation>el nombre es obligatorio (como máximo %1 caracteres)</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not an email address</source>
        <translation>&apos;%1&apos; no es una dirección de correo electrónico</translation>
    </message>
    <message>
        <source>a phone number has at most %1 characters</source>
        <translation>un número de teléfono tiene como máximo %1 caracteres</translation>
    </message>
    <message>
        <source>a country has at most %1 characters</source>
        <translation>un país tiene como máximo %1 caracteres</translation>
    </message>
</context>
<context>
    <name>Database</name>
    <message>
        <source>the Qt SQL driver %1 is not installed</source>
        <translation>el controlador Qt SQL %1 no está instalado</translation>
    </message>
    <message>
        <source>cannot open %1: the folder %2 does not exist</source>
        <translation>no se puede abrir %1: la carpeta %2 no existe</translation>
    </message>
    <message>
        <source>cannot open %1: %2</source>
        <translation>no se puede abrir %1: %2</translation>
    </message>
    <message>
        <source>cannot set up %1: %2</source>
        <translation>no se puede preparar %1: %2</translation>
    </message>
    <message>
        <source>database error: %1</source>
        <translation>error de la base de datos: %1</translation>
    </message>
    <message>
        <source>cannot begin a transaction: %1</source>
        <translation>no se puede iniciar una transacción: %1</translation>
    </message>
    <message>
        <source>the transaction was rolled back by an inner failure</source>
        <translation>la transacción se deshizo por un fallo interno</translation>
    </message>
    <message>
        <source>cannot commit: %1</source>
        <translation>no se puede confirmar: %1</translation>
    </message>
    <message>
        <source>a text value %1</source>
        <translation>un valor de texto %1</translation>
    </message>
    <message>
        <source>the database %1 cannot be reached: %2; trying again</source>
        <translation>no se puede acceder a la base de datos %1: %2; se volverá a intentar</translation>
    </message>
    <message>
        <source>the connection was lost in a transaction</source>
        <translation>la conexión se perdió durante una transacción</translation>
    </message>
    <message>
        <source>the connection was lost while a result was read</source>
        <translation>la conexión se perdió mientras se leía un resultado</translation>
    </message>
    <message>
        <source>the last attempt failed</source>
        <translation>el último intento falló</translation>
    </message>
    <message>
        <source>the connection to the database was lost: %1</source>
        <translation>se perdió la conexión con la base de datos: %1</translation>
    </message>
    <message>
        <source>the database is busy with another writer; try again</source>
        <translation>la base de datos está ocupada con otra escritura; inténtelo de nuevo</translation>
    </message>
</context>
<context>
    <name>DatabaseUrl</name>
    <message>
        <source>SQLite URL &apos;%1&apos; must be sqlite:///absolute/path or sqlite:relative/path</source>
        <translation>la URL de SQLite &apos;%1&apos; debe ser sqlite:///ruta/absoluta o sqlite:ruta/relativa</translation>
    </message>
    <message>
        <source>SQLite URL &apos;%1&apos; names no file</source>
        <translation>la URL de SQLite &apos;%1&apos; no indica ningún archivo</translation>
    </message>
    <message>
        <source>PostgreSQL URL &apos;%1&apos; is not valid</source>
        <translation>la URL de PostgreSQL &apos;%1&apos; no es válida</translation>
    </message>
    <message>
        <source>PostgreSQL URL &apos;%1&apos; must name one database: postgresql://user:pass@host:port/db</source>
        <translation>la URL de PostgreSQL &apos;%1&apos; debe indicar una base de datos: postgresql://user:pass@host:port/db</translation>
    </message>
    <message>
        <source>unsupported database URL &apos;%1&apos;: use sqlite:///path.db, sqlite:path.db or postgresql://user:pass@host:port/db</source>
        <translation>URL de base de datos no admitida &apos;%1&apos;: use sqlite:///ruta.db, sqlite:ruta.db o postgresql://user:pass@host:port/db</translation>
    </message>
    <message>
        <source>warning: the password in --db can be read by every user of this machine in the process list; give the URL in $MLM_DB or a configuration file, or leave the password out and keep it in ~/.pgpass (PGPASSFILE)</source>
        <translation>aviso: cualquier usuario de esta máquina puede leer la contraseña de --db en la lista de procesos; indique la URL en $MLM_DB o en un archivo de configuración, o quite la contraseña y guárdela en ~/.pgpass (PGPASSFILE)</translation>
    </message>
</context>
<context>
    <name>DatasetExporter</name>
    <message>
        <source>cannot write %1: %2</source>
        <translation>no se puede escribir %1: %2</translation>
    </message>
    <message>
        <source>the export was cancelled; no file was written</source>
        <translation>la exportación se canceló; no se escribió ningún archivo</translation>
    </message>
</context>
<context>
    <name>DatasetImporter</name>
    <message>
        <source>a dataset file is one JSON object</source>
        <translation>un archivo de datos es un único objeto JSON</translation>
    </message>
    <message>
        <source>%1: must be an array</source>
        <translation>%1: debe ser un array</translation>
    </message>
    <message>
        <source>expected &apos;,&apos; or &apos;}&apos;</source>
        <translation>se esperaba &apos;,&apos; o &apos;}&apos;</translation>
    </message>
    <message>
        <source>unexpected content after the dataset</source>
        <translation>contenido inesperado después de los datos</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>no se puede leer %1: %2</translation>
    </message>
    <message>
        <source>%1 is empty</source>
        <translation>%1 está vacío</translation>
    </message>
    <message>
        <source>the import was cancelled; nothing was changed</source>
        <translation>la importación se canceló; no se cambió nada</translation>
    </message>
    <message>
        <source>currency: the database holds orders in %1, not %2</source>
        <translation>currency: la base de datos contiene pedidos en %1, no en %2</translation>
    </message>
</context>
<context>
    <name>DatasetReader</name>
    <message>
        <source>&apos;external_id&apos; is required: a string of 1-128 characters</source>
        <translation>&apos;external_id&apos; es obligatorio: una cadena de 1-128 caracteres</translation>
    </message>
    <message>
        <source>store &apos;%1&apos; does not exist</source>
        <translation>la tienda &apos;%1&apos; no existe</translation>
    </message>
    <message>
        <source>duplicate external_id &apos;%1&apos; in %2</source>
        <translation>external_id duplicado &apos;%1&apos; en %2</translation>
    </message>
    <message>
        <source>store &apos;%1&apos;</source>
        <translation>tienda &apos;%1&apos;</translation>
    </message>
    <message>
        <source>the back office</source>
        <translation>el back office</translation>
    </message>
    <message>
        <source>give exactly one of &apos;member&apos; and &apos;customer&apos;</source>
        <translation>indique exactamente uno de &apos;member&apos; y &apos;customer&apos;</translation>
    </message>
    <message>
        <source>member &apos;%1&apos; does not exist</source>
        <translation>el miembro &apos;%1&apos; no existe</translation>
    </message>
    <message>
        <source>a back-office order is bought by a member, not a customer</source>
        <translation>un pedido del back office lo compra un miembro, no un cliente</translation>
    </message>
    <message>
        <source>customer &apos;%1&apos; does not exist in store &apos;%2&apos;</source>
        <translation>el cliente &apos;%1&apos; no existe en la tienda &apos;%2&apos;</translation>
    </message>
    <message>
        <source>bad status &apos;%1&apos;: use pending, paid, cancelled or refunded</source>
        <translation>estado incorrecto &apos;%1&apos;: use pending, paid, cancelled o refunded</translation>
    </message>
    <message>
        <source>a %1 order needs &apos;paid_at&apos;</source>
        <translation>un pedido %1 necesita &apos;paid_at&apos;</translation>
    </message>
    <message>
        <source>a %1 order has no &apos;paid_at&apos;</source>
        <translation>un pedido %1 no tiene &apos;paid_at&apos;</translation>
    </message>
    <message>
        <source>a refunded order needs &apos;refunded_at&apos;</source>
        <translation>un pedido reembolsado necesita &apos;refunded_at&apos;</translation>
    </message>
    <message>
        <source>only a refunded order has &apos;refunded_at&apos;</source>
        <translation>solo un pedido reembolsado tiene &apos;refunded_at&apos;</translation>
    </message>
    <message>
        <source>&apos;refunded_at&apos; is before &apos;paid_at&apos;</source>
        <translation>&apos;refunded_at&apos; es anterior a &apos;paid_at&apos;</translation>
    </message>
    <message>
        <source>only a cancelled order has &apos;cancelled_at&apos;</source>
        <translation>solo un pedido cancelado tiene &apos;cancelled_at&apos;</translation>
    </message>
    <message>
        <source>unknown tier &apos;%1&apos;</source>
        <translation>nivel desconocido &apos;%1&apos;</translation>
    </message>
    <message>
        <source>&apos;lines&apos; must be an array of 1-%1 lines</source>
        <translation>&apos;lines&apos; debe ser un array de 1-%1 líneas</translation>
    </message>
    <message>
        <source>unknown sku &apos;%1&apos;</source>
        <translation>SKU desconocido &apos;%1&apos;</translation>
    </message>
    <message>
        <source>credited member &apos;%1&apos; does not exist</source>
        <translation>el miembro acreditado &apos;%1&apos; no existe</translation>
    </message>
    <message>
        <source>format: expected &quot;mlm-dataset/1&quot;, found %1</source>
        <translation>format: se esperaba &quot;mlm-dataset/1&quot;, se encontró %1</translation>
    </message>
    <message>
        <source>nothing</source>
        <translation>nada</translation>
    </message>
    <message>
        <source>currency: &apos;%1&apos; is not a three-letter ISO 4217 code</source>
        <translation>currency: &apos;%1&apos; no es un código ISO 4217 de tres letras</translation>
    </message>
    <message>
        <source>plan: must be an object</source>
        <translation>plan: debe ser un objeto</translation>
    </message>
    <message>
        <source>tier code &apos;%1&apos; is not valid: use 2-32 characters of a-z, 0-9 and _</source>
        <translation>el código de nivel &apos;%1&apos; no es válido: use 2-32 caracteres de a-z, 0-9 y _</translation>
    </message>
    <message>
        <source>the tier &apos;%1&apos; appears twice</source>
        <translation>el nivel &apos;%1&apos; aparece dos veces</translation>
    </message>
    <message>
        <source>&apos;prices&apos; must be an object of tier -&gt; price</source>
        <translation>&apos;prices&apos; debe ser un objeto de nivel -&gt; precio</translation>
    </message>
    <message>
        <source>prices: unknown tier &apos;%1&apos;</source>
        <translation>prices: nivel desconocido &apos;%1&apos;</translation>
    </message>
    <message>
        <source>duplicate sku &apos;%1&apos;</source>
        <translation>SKU duplicado &apos;%1&apos;</translation>
    </message>
    <message>
        <source>member code &apos;%1&apos; is not valid: use 2-32 characters of A-Z, a-z, 0-9, - and _</source>
        <translation>el código de miembro &apos;%1&apos; no es válido: use 2-32 caracteres de A-Z, a-z, 0-9, - y _</translation>
    </message>
    <message>
        <source>bad status &apos;%1&apos;: use customer, distributor, suspended or terminated</source>
        <translation>estado incorrecto &apos;%1&apos;: use customer, distributor, suspended o terminated</translation>
    </message>
    <message>
        <source>duplicate member code &apos;%1&apos;</source>
        <translation>código de miembro duplicado &apos;%1&apos;</translation>
    </message>
    <message>
        <source>duplicate email &apos;%1&apos;</source>
        <translation>correo electrónico duplicado &apos;%1&apos;</translation>
    </message>
    <message>
        <source>members[%1] (code &apos;%2&apos;): sponsor &apos;%3&apos; does not exist</source>
        <translation>members[%1] (código &apos;%2&apos;): el patrocinador &apos;%3&apos; no existe</translation>
    </message>
    <message>
        <source>members[%1] (code &apos;%2&apos;): a member cannot sponsor itself</source>
        <translation>members[%1] (código &apos;%2&apos;): un miembro no puede patrocinarse a sí mismo</translation>
    </message>
    <message>
        <source>members[%1] (code &apos;%2&apos;): sponsor cycle through &apos;%2&apos;</source>
        <translation>members[%1] (código &apos;%2&apos;): ciclo de patrocinio a través de &apos;%2&apos;</translation>
    </message>
    <message>
        <source>bad scenario &apos;%1&apos;: use separate_channel, distributor_channel or personal_storefront</source>
        <translation>escenario incorrecto &apos;%1&apos;: use separate_channel, distributor_channel o personal_storefront</translation>
    </message>
    <message>
        <source>default sponsor &apos;%1&apos; does not exist</source>
        <translation>el patrocinador predeterminado &apos;%1&apos; no existe</translation>
    </message>
    <message>
        <source>unknown pinned tier &apos;%1&apos;</source>
        <translation>nivel fijo desconocido &apos;%1&apos;</translation>
    </message>
    <message>
        <source>duplicate store code &apos;%1&apos;</source>
        <translation>código de tienda duplicado &apos;%1&apos;</translation>
    </message>
    <message>
        <source>link code &apos;%1&apos; is not valid: use 4-32 characters of A-Z, a-z, 0-9 and -</source>
        <translation>el código de enlace &apos;%1&apos; no es válido: use 4-32 caracteres de A-Z, a-z, 0-9 y -</translation>
    </message>
    <message>
        <source>duplicate link code &apos;%1&apos;</source>
        <translation>código de enlace duplicado &apos;%1&apos;</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not an email address</source>
        <translation>&apos;%1&apos; no es una dirección de correo electrónico</translation>
    </message>
    <message>
        <source>link &apos;%1&apos; does not exist</source>
        <translation>el enlace &apos;%1&apos; no existe</translation>
    </message>
    <message>
        <source>owner &apos;%1&apos; does not exist</source>
        <translation>el propietario &apos;%1&apos; no existe</translation>
    </message>
    <message>
        <source>duplicate customer &apos;%1&apos; in store &apos;%2&apos;</source>
        <translation>cliente duplicado &apos;%1&apos; en la tienda &apos;%2&apos;</translation>
    </message>
</context>
<context>
    <name>DemoCompany</name>
    <message>
        <source>cannot create the demo (is the database empty?)</source>
        <translation>no se puede crear la demostración (¿está vacía la base de datos?)</translation>
    </message>
    <message>
        <source>the demo needs a valid day</source>
        <translation>la demostración necesita un día válido</translation>
    </message>
</context>
<context>
    <name>DownlineCharts</name>
    <message>
        <source>Month</source>
        <translation>Mes</translation>
    </message>
    <message>
        <source>Month (%1 to %2)</source>
        <translation>Mes (%1 a %2)</translation>
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
        <translation>Volumen de la empresa por mes</translation>
    </message>
    <message>
        <source>Volume per month</source>
        <translation>Volumen por mes</translation>
    </message>
    <message>
        <source>All members&apos; volume</source>
        <translation>Volumen de todos los miembros</translation>
    </message>
    <message>
        <source>Group volume (whole downline)</source>
        <translation>Volumen de grupo (toda la red descendente)</translation>
    </message>
    <message>
        <source>Personal volume</source>
        <translation>Volumen personal</translation>
    </message>
    <message>
        <source>Volume (PV points)</source>
        <translation>Volumen (puntos PV)</translation>
    </message>
    <message>
        <source>New and active members per month</source>
        <translation>Miembros nuevos y activos por mes</translation>
    </message>
    <message>
        <source>New members</source>
        <translation>Miembros nuevos</translation>
    </message>
    <message>
        <source>Active (qualified) members</source>
        <translation>Miembros activos (calificados)</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>Miembros</translation>
    </message>
    <message>
        <source>Members per level of the tree</source>
        <translation>Miembros por nivel del árbol</translation>
    </message>
    <message>
        <source>Members per level below</source>
        <translation>Miembros por nivel inferior</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>Nivel</translation>
    </message>
    <message>
        <source>Top frontline legs by group volume, %1</source>
        <translation>Principales líneas de primer nivel por volumen de grupo, %1</translation>
    </message>
    <message>
        <source>Group volume</source>
        <translation>Volumen de grupo</translation>
    </message>
    <message>
        <source>Leg (first-line member)</source>
        <translation>Línea (miembro de primer nivel)</translation>
    </message>
    <message>
        <source>Group volume (PV points)</source>
        <translation>Volumen de grupo (puntos PV)</translation>
    </message>
    <message>
        <source>Members by status</source>
        <translation>Miembros por estado</translation>
    </message>
    <message>
        <source>Downline by status</source>
        <translation>Red descendente por estado</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>%1: %2 of %3 members</source>
        <translation>%1: %2 de %3 miembros</translation>
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
        <translation>no hay ningún miembro con el id %1</translation>
    </message>
    <message>
        <source>the dashboard was cancelled</source>
        <translation>el panel se canceló</translation>
    </message>
    <message>
        <source>Reading the network</source>
        <translation>Leyendo la red</translation>
    </message>
    <message>
        <source>Reading %1</source>
        <translation>Leyendo %1</translation>
    </message>
    <message>
        <source>Counting statuses</source>
        <translation>Contando estados</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Listo</translation>
    </message>
</context>
<context>
    <name>Files</name>
    <message>
        <source>cannot write %1: %2</source>
        <translation>no se puede escribir %1: %2</translation>
    </message>
</context>
<context>
    <name>JsonFields</name>
    <message>
        <source>%1: must be an object</source>
        <translation>%1: debe ser un objeto</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is required</source>
        <translation>&apos;%1&apos; es obligatorio</translation>
    </message>
    <message>
        <source>&apos;%1&apos; must be a string</source>
        <translation>&apos;%1&apos; debe ser una cadena</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is longer than %2 characters</source>
        <translation>&apos;%1&apos; tiene más de %2 caracteres</translation>
    </message>
    <message>
        <source>&apos;%1&apos; must be a whole number from %2 to %3</source>
        <translation>&apos;%1&apos; debe ser un número entero de %2 a %3</translation>
    </message>
    <message>
        <source>&apos;%1&apos; must be true or false</source>
        <translation>&apos;%1&apos; debe ser true o false</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not an ISO 8601 date-time such as 2026-10-05T12:00:00Z: &apos;%2&apos;</source>
        <translation>&apos;%1&apos; no es una fecha y hora ISO 8601 como 2026-10-05T12:00:00Z: &apos;%2&apos;</translation>
    </message>
</context>
<context>
    <name>JsonIn</name>
    <message>
        <source>is required</source>
        <translation>es obligatorio</translation>
    </message>
    <message>
        <source>the query parameter &apos;%1&apos; %2</source>
        <translation>el parámetro de la consulta &apos;%1&apos; %2</translation>
    </message>
    <message>
        <source>must be a string</source>
        <translation>debe ser una cadena</translation>
    </message>
    <message>
        <source>is longer than %1 characters</source>
        <translation>tiene más de %1 caracteres</translation>
    </message>
    <message>
        <source>must be a whole number</source>
        <translation>debe ser un número entero</translation>
    </message>
    <message>
        <source>must be true or false</source>
        <translation>debe ser true o false</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not an ISO 8601 date-time such as 2026-10-05T12:00:00Z</source>
        <translation>&apos;%1&apos; no es una fecha y hora ISO 8601 como 2026-10-05T12:00:00Z</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a period YYYY-MM</source>
        <translation>&apos;%1&apos; no es un periodo AAAA-MM</translation>
    </message>
    <message>
        <source>must be an object</source>
        <translation>debe ser un objeto</translation>
    </message>
    <message>
        <source>must be an array</source>
        <translation>debe ser un array</translation>
    </message>
    <message>
        <source>must hold whole numbers only</source>
        <translation>solo puede contener números enteros</translation>
    </message>
    <message>
        <source>must hold rates in basis points</source>
        <translation>debe contener tasas en puntos básicos</translation>
    </message>
    <message>
        <source>must be a whole number from %1 to %2</source>
        <translation>debe ser un número entero de %1 a %2</translation>
    </message>
    <message>
        <source>must be a member status</source>
        <translation>debe ser un estado de miembro</translation>
    </message>
    <message>
        <source>must be code, name, joined or status</source>
        <translation>debe ser code, name, joined o status</translation>
    </message>
    <message>
        <source>must be an order status</source>
        <translation>debe ser un estado de pedido</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not one of the allowed values</source>
        <translation>&apos;%1&apos; no es uno de los valores permitidos</translation>
    </message>
    <message>
        <source>the body is not a JSON object: %1</source>
        <translation>el cuerpo no es un objeto JSON: %1</translation>
    </message>
    <message>
        <source>more after the JSON value</source>
        <translation>hay más contenido después del valor JSON</translation>
    </message>
    <message>
        <source>the JSON value is not an object</source>
        <translation>el valor JSON no es un objeto</translation>
    </message>
    <message>
        <source>must hold strings only</source>
        <translation>solo puede contener cadenas de texto</translation>
    </message>
    <message>
        <source>&apos;%1&apos; must be a whole number</source>
        <translation>&apos;%1&apos; debe ser un número entero</translation>
    </message>
</context>
<context>
    <name>JsonReader</name>
    <message>
        <source>malformed JSON at line %1, offset %2: %3</source>
        <translation>JSON mal formado en la línea %1, posición %2: %3</translation>
    </message>
    <message>
        <source>unexpected end of the file, expected &apos;%1&apos;</source>
        <translation>fin de archivo inesperado, se esperaba &apos;%1&apos;</translation>
    </message>
    <message>
        <source>expected &apos;%1&apos;</source>
        <translation>se esperaba &apos;%1&apos;</translation>
    </message>
    <message>
        <source>unterminated string</source>
        <translation>cadena sin terminar</translation>
    </message>
    <message>
        <source>control character in a string</source>
        <translation>carácter de control en una cadena</translation>
    </message>
    <message>
        <source>bad \u escape</source>
        <translation>secuencia de escape \u incorrecta</translation>
    </message>
    <message>
        <source>bad escape</source>
        <translation>secuencia de escape incorrecta</translation>
    </message>
    <message>
        <source>a string is not valid UTF-8</source>
        <translation>una cadena no es UTF-8 válido</translation>
    </message>
    <message>
        <source>bad number</source>
        <translation>número incorrecto</translation>
    </message>
    <message>
        <source>unexpected end of the file</source>
        <translation>fin de archivo inesperado</translation>
    </message>
    <message>
        <source>nested deeper than %1 levels</source>
        <translation>anidado a más de %1 niveles</translation>
    </message>
    <message>
        <source>expected a key</source>
        <translation>se esperaba una clave</translation>
    </message>
    <message>
        <source>expected &apos;,&apos; or &apos;%1&apos;</source>
        <translation>se esperaba &apos;,&apos; o &apos;%1&apos;</translation>
    </message>
    <message>
        <source>unexpected character</source>
        <translation>carácter inesperado</translation>
    </message>
    <message>
        <source>the file is larger than 4 GB</source>
        <translation>el archivo ocupa más de 4 GB</translation>
    </message>
    <message>
        <source>unbalanced &apos;%1&apos;</source>
        <translation>&apos;%1&apos; sin pareja</translation>
    </message>
    <message>
        <source>unexpected end of the file: &apos;%1&apos; is never closed</source>
        <translation>fin de archivo inesperado: &apos;%1&apos; nunca se cierra</translation>
    </message>
    <message>
        <source>expected &apos;,&apos; or &apos;]&apos;</source>
        <translation>se esperaba &apos;,&apos; o &apos;]&apos;</translation>
    </message>
    <message>
        <source>\u0000 (NUL) in a string</source>
        <translation>\u0000 (NUL) en una cadena</translation>
    </message>
    <message>
        <source>a lone surrogate \u%1 in a string is not valid Unicode</source>
        <translation>un sustituto suelto \u%1 en una cadena no es Unicode válido</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>Customer</source>
        <translation>Cliente</translation>
    </message>
    <message>
        <source>Distributor</source>
        <translation>Distribuidor</translation>
    </message>
    <message>
        <source>Suspended</source>
        <translation>Suspendido</translation>
    </message>
    <message>
        <source>Terminated</source>
        <translation>Dado de baja</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>Administrador</translation>
    </message>
    <message>
        <source>Support</source>
        <translation>Soporte</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>Pendiente</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>Pagado</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Cancelado</translation>
    </message>
    <message>
        <source>Refunded</source>
        <translation>Reembolsado</translation>
    </message>
    <message>
        <source>Separate channel</source>
        <translation>Canal separado</translation>
    </message>
    <message>
        <source>Distributor channel</source>
        <translation>Canal de distribuidores</translation>
    </message>
    <message>
        <source>Personal storefront</source>
        <translation>Tienda personal</translation>
    </message>
    <message>
        <source>Buyers are ordinary retail customers of the store: they belong to no one and pay retail prices. Their orders are credited to nobody and pay no commissions. A distributor&apos;s referral link only leads to the registration of a new member under that distributor.</source>
        <translation>Los compradores son clientes minoristas corrientes de la tienda: no pertenecen a nadie y pagan precios de venta al público. Sus pedidos no se acreditan a nadie y no generan comisiones. El enlace de referido de un distribuidor solo lleva al registro de un nuevo miembro bajo ese distribuidor.</translation>
    </message>
    <message>
        <source>Every buyer registers through the back office and becomes a member in status customer, in the first line of the member whose link they came with (or under the store&apos;s default sponsor). Buyers see the prices of their own tier; their orders are credited to them, and their upline earns commissions by the plan.</source>
        <translation>Cada comprador se registra a través del back office y pasa a ser miembro en estado cliente, en la primera línea del miembro cuyo enlace utilizó (o bajo el patrocinador predeterminado de la tienda). Los compradores ven los precios de su propio nivel; sus pedidos se les acreditan a ellos y su línea ascendente gana comisiones según el plan.</translation>
    </message>
    <message>
        <source>Each distributor&apos;s link is their own store. Buyers register in the store only, as retail customers owned by the link&apos;s owner, and are never placed in the network. They pay retail prices; their orders are credited to the owner, who earns the retail profit, and count as the owner&apos;s personal volume for the upline&apos;s commissions.</source>
        <translation>El enlace de cada distribuidor es su propia tienda. Los compradores se registran solo en la tienda, como clientes minoristas del propietario del enlace, y nunca entran en la red. Pagan precios de venta al público; sus pedidos se acreditan al propietario, que gana el margen minorista, y cuentan como volumen personal del propietario para las comisiones de su línea ascendente.</translation>
    </message>
    <message>
        <source>Retail</source>
        <translation>Minorista</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>sí</translation>
    </message>
    <message>
        <source>no</source>
        <translation>no</translation>
    </message>
</context>
<context>
    <name>Members</name>
    <message>
        <source>no member with code &apos;%1&apos;</source>
        <translation>no hay ningún miembro con el código &apos;%1&apos;</translation>
    </message>
    <message>
        <source>no member with id %1</source>
        <translation>no hay ningún miembro con el id %1</translation>
    </message>
    <message>
        <source>the email %1 is already used by member %2</source>
        <translation>el correo electrónico %1 ya lo usa el miembro %2</translation>
    </message>
    <message>
        <source>member code &apos;%1&apos; is not valid: use 2-32 characters of A-Z, a-z, 0-9, - and _</source>
        <translation>el código de miembro &apos;%1&apos; no es válido: use 2-32 caracteres de A-Z, a-z, 0-9, - y _</translation>
    </message>
    <message>
        <source>a new member starts as customer or distributor, not %1</source>
        <translation>un miembro nuevo empieza como cliente o distribuidor, no como %1</translation>
    </message>
    <message>
        <source>the member code &apos;%1&apos; is taken</source>
        <translation>el código de miembro &apos;%1&apos; ya está ocupado</translation>
    </message>
    <message>
        <source>the sponsor &apos;%1&apos; does not exist</source>
        <translation>el patrocinador &apos;%1&apos; no existe</translation>
    </message>
    <message>
        <source>the sponsor &apos;%1&apos; is terminated and cannot sponsor</source>
        <translation>el patrocinador &apos;%1&apos; está dado de baja y no puede patrocinar</translation>
    </message>
    <message>
        <source>a reason is required to change a status</source>
        <translation>para cambiar un estado hace falta un motivo</translation>
    </message>
    <message>
        <source>member %1 cannot change from %2 to %3</source>
        <translation>el miembro %1 no puede pasar de %2 a %3</translation>
    </message>
    <message>
        <source>the new sponsor &apos;%1&apos; does not exist</source>
        <translation>el nuevo patrocinador &apos;%1&apos; no existe</translation>
    </message>
    <message>
        <source>the new sponsor &apos;%1&apos; is terminated and cannot sponsor</source>
        <translation>el nuevo patrocinador &apos;%1&apos; está dado de baja y no puede patrocinar</translation>
    </message>
    <message>
        <source>member %1 cannot be its own sponsor</source>
        <translation>el miembro %1 no puede ser su propio patrocinador</translation>
    </message>
    <message>
        <source>cannot move %1 under %2: %2 is in the downline of %1 (a cycle)</source>
        <translation>no se puede mover %1 bajo %2: %2 está en la red descendente de %1 (un ciclo)</translation>
    </message>
</context>
<context>
    <name>Migrations</name>
    <message>
        <source>migration %1 is missing</source>
        <translation>falta la migración %1</translation>
    </message>
    <message>
        <source>the database has schema version %1, newer than this program&apos;s %2: upgrade the program</source>
        <translation>la base de datos tiene la versión de esquema %1, más nueva que la %2 de este programa: actualice el programa</translation>
    </message>
    <message>
        <source>migration %1 (%2)</source>
        <translation>migración %1 (%2)</translation>
    </message>
    <message>
        <source>the upgrade was cancelled after %1 of %2 steps: the database is whole, at schema version %3</source>
        <translation>la actualización se canceló después de %1 de %2 pasos: la base de datos está íntegra, en la versión de esquema %3</translation>
    </message>
</context>
<context>
    <name>OfficeApi</name>
    <message>
        <source>%1 is not allowed here; use %2</source>
        <translation>%1 no está permitido aquí; use %2</translation>
    </message>
    <message>
        <source>sign in first: send Authorization: Bearer TOKEN</source>
        <translation>inicie sesión primero: envíe Authorization: Bearer TOKEN</translation>
    </message>
    <message>
        <source>this is not a user&apos;s session token (a store&apos;s API key is not one): sign in</source>
        <translation>esto no es un token de sesión de un usuario (la clave API de una tienda no lo es): inicie sesión</translation>
    </message>
    <message>
        <source>no such endpoint</source>
        <translation>no existe ese punto de acceso</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a period YYYY-MM</source>
        <translation>&apos;%1&apos; no es un periodo AAAA-MM</translation>
    </message>
    <message>
        <source>no such endpoint under %1/office</source>
        <translation>no existe ese punto de acceso bajo %1/office</translation>
    </message>
    <message>
        <source>no order %1</source>
        <translation>no existe el pedido %1</translation>
    </message>
    <message>
        <source>must be preview, close, plan_preview or dashboard</source>
        <translation>debe ser preview, close, plan_preview o dashboard</translation>
    </message>
</context>
<context>
    <name>OfficeJobs</name>
    <message>
        <source>the server is stopping</source>
        <translation>el servidor se está deteniendo</translation>
    </message>
    <message>
        <source>%1 runs %2 long operations already; wait for one to end or cancel it</source>
        <translation>%1 ya ejecuta %2 operaciones largas; espere a que termine una o cancélela</translation>
    </message>
    <message>
        <source>the server runs %1 long operations already; try again soon</source>
        <translation>el servidor ya ejecuta %1 operaciones largas; inténtelo de nuevo en breve</translation>
    </message>
    <message>
        <source>no job %1 of yours</source>
        <translation>ninguna tarea %1 suya</translation>
    </message>
</context>
<context>
    <name>Orders</name>
    <message>
        <source>no such order</source>
        <translation>no existe ese pedido</translation>
    </message>
    <message>
        <source>no order &apos;%1&apos; in %2</source>
        <translation>no hay ningún pedido &apos;%1&apos; en %2</translation>
    </message>
    <message>
        <source>the back office</source>
        <translation>el back office</translation>
    </message>
    <message>
        <source>store %1</source>
        <translation>tienda %1</translation>
    </message>
    <message>
        <source>an order needs an external id of 1-%1 characters</source>
        <translation>un pedido necesita un id externo de 1-%1 caracteres</translation>
    </message>
    <message>
        <source>an order needs exactly one buyer: a member or a customer</source>
        <translation>un pedido necesita exactamente un comprador: un miembro o un cliente</translation>
    </message>
    <message>
        <source>an order needs 1-%1 lines</source>
        <translation>un pedido necesita 1-%1 líneas</translation>
    </message>
    <message>
        <source>a new order is pending or paid, not %1</source>
        <translation>un pedido nuevo está pendiente o pagado, no %1</translation>
    </message>
    <message>
        <source>order &apos;%1&apos; exists already with a different content</source>
        <translation>el pedido &apos;%1&apos; ya existe con otro contenido</translation>
    </message>
    <message>
        <source>a back-office order is bought by a member, not a customer</source>
        <translation>un pedido del back office lo compra un miembro, no un cliente</translation>
    </message>
    <message>
        <source>no customer %1 in store %2</source>
        <translation>no hay ningún cliente %1 en la tienda %2</translation>
    </message>
    <message>
        <source>buyer %1</source>
        <translation>comprador %1</translation>
    </message>
    <message>
        <source>line %1</source>
        <translation>línea %1</translation>
    </message>
    <message>
        <source>line %1: product %2 is not for sale</source>
        <translation>línea %1: el producto %2 no está a la venta</translation>
    </message>
    <message>
        <source>order &apos;%1&apos; is %2 and cannot become %3</source>
        <translation>el pedido &apos;%1&apos; está %2 y no puede pasar a %3</translation>
    </message>
    <message>
        <source>order &apos;%1&apos; cannot be refunded at %2, before it was paid (%3)</source>
        <translation>el pedido &apos;%1&apos; no se puede reembolsar el %2, antes de pagarse (%3)</translation>
    </message>
    <message>
        <source>order &apos;%1&apos; was changed by someone else; try again</source>
        <translation>otra persona cambió el pedido &apos;%1&apos;; inténtelo de nuevo</translation>
    </message>
    <message>
        <source>the new order&apos;s id was not returned</source>
        <translation>no se devolvió el id del nuevo pedido</translation>
    </message>
    <message>
        <source>%1 %2 is out of range: from 2000-01-01 to a day from now</source>
        <translation>%1 %2 está fuera de rango: desde 2000-01-01 hasta dentro de un día</translation>
    </message>
    <message>
        <source>%1 %2 is in %3, a period whose commissions are closed: a payment there would never count; send the time it is entered</source>
        <translation>%1 %2 cae en %3, un periodo con las comisiones cerradas: un pago ahí nunca contaría; envíe el momento en que se registra</translation>
    </message>
</context>
<context>
    <name>Permissions</name>
    <message>
        <source>the user %1 is disabled</source>
        <translation>el usuario %1 está desactivado</translation>
    </message>
    <message>
        <source>a %1 user may not do this</source>
        <translation>un usuario %1 no puede hacer esto</translation>
    </message>
    <message>
        <source>%1 sees its own downline only; this member is not in it</source>
        <translation>%1 solo ve su propia red descendente; este miembro no está en ella</translation>
    </message>
    <message>
        <source>%1 manages its own referral links only</source>
        <translation>%1 solo gestiona sus propios enlaces de referido</translation>
    </message>
    <message>
        <source>a distributor sees its own statements only</source>
        <translation>un distribuidor solo ve sus propios extractos</translation>
    </message>
    <message>
        <source>a distributor sees the dashboard of its own downline only</source>
        <translation>un distribuidor solo ve el panel de su propia red descendente</translation>
    </message>
    <message>
        <source>%1 sees its own orders only</source>
        <translation>%1 solo ve sus propios pedidos</translation>
    </message>
</context>
<context>
    <name>PostgresBulkWriter</name>
    <message>
        <source>database error: %1</source>
        <translation>error de la base de datos: %1</translation>
    </message>
</context>
<context>
    <name>PriceSheet</name>
    <message>
        <source>nothing was changed; correct these lines:
</source>
        <translation>no se cambió nada; corrija estas líneas:
</translation>
    </message>
    <message>
        <source>the file is empty: its first line must name the columns</source>
        <translation>el archivo está vacío: su primera línea debe nombrar las columnas</translation>
    </message>
    <message>
        <source>line 1: column %1 &apos;%2&apos; is neither sku, name nor a price tier</source>
        <translation>línea 1: la columna %1 &apos;%2&apos; no es sku, name ni un nivel de precios</translation>
    </message>
    <message>
        <source>line 1: there is no sku column</source>
        <translation>línea 1: no hay columna sku</translation>
    </message>
    <message>
        <source>line %1</source>
        <translation>línea %1</translation>
    </message>
    <message>
        <source>%1: %2 fields where the header has %3</source>
        <translation>%1: %2 campos donde el encabezado tiene %3</translation>
    </message>
    <message>
        <source>%1: no product with sku &apos;%2&apos;</source>
        <translation>%1: no hay ningún producto con el SKU &apos;%2&apos;</translation>
    </message>
    <message>
        <source>%1: sku &apos;%2&apos; appears a second time</source>
        <translation>%1: el SKU &apos;%2&apos; aparece por segunda vez</translation>
    </message>
    <message>
        <source>%1: the retail price of %2 is empty; every product needs one</source>
        <translation>%1: el precio de venta al público de %2 está vacío; todo producto necesita uno</translation>
    </message>
    <message>
        <source>%1: the %2 price &apos;%3&apos; is not an amount like 12.50</source>
        <translation>%1: el precio %2 &apos;%3&apos; no es un importe como 12.50</translation>
    </message>
    <message>
        <source>there is nothing to paste</source>
        <translation>no hay nada que pegar</translation>
    </message>
    <message>
        <source>too many lines: %1 pasted; products from here down: %2</source>
        <translation>demasiadas líneas: %1 pegadas; productos desde aquí hacia abajo: %2</translation>
    </message>
    <message>
        <source>line %1: too many cells: %2 pasted; tiers from here to the right: %3</source>
        <translation>línea %1: demasiadas celdas: %2 pegadas; niveles desde aquí hacia la derecha: %3</translation>
    </message>
    <message>
        <source>line %1: the retail price of %2 cannot be empty</source>
        <translation>línea %1: el precio de venta al público de %2 no puede quedar vacío</translation>
    </message>
    <message>
        <source>line %1: &apos;%2&apos; for %3 (%4) is not an amount</source>
        <translation>línea %1: &apos;%2&apos; para %3 (%4) no es un importe</translation>
    </message>
</context>
<context>
    <name>Pricing</name>
    <message>
        <source>a terminated member may not buy</source>
        <translation>un miembro dado de baja no puede comprar</translation>
    </message>
    <message>
        <source>quantity %1 of %2 is not allowed: order 1 to %3</source>
        <translation>la cantidad %1 de %2 no está permitida: pida de 1 a %3</translation>
    </message>
    <message>
        <source>the unit price of %1 may not be negative</source>
        <translation>el precio unitario de %1 no puede ser negativo</translation>
    </message>
    <message>
        <source>product %1 has no price for tier %2</source>
        <translation>el producto %1 no tiene precio para el nivel %2</translation>
    </message>
    <message>
        <source>the order&apos;s totals are too large</source>
        <translation>los totales del pedido son demasiado grandes</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>%1: %2 of %3</source>
        <translation>%1: %2 de %3</translation>
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
        <translation>&apos;%1&apos; no es una dirección de correo electrónico; un registro necesita una</translation>
    </message>
    <message>
        <source>a new member starts as customer or distributor, not %1</source>
        <translation>un miembro nuevo empieza como cliente o distribuidor, no como %1</translation>
    </message>
    <message>
        <source>store &apos;%1&apos; has no default sponsor, and the registration came without a valid referral code: nobody to place the new member under</source>
        <translation>la tienda &apos;%1&apos; no tiene patrocinador predeterminado y el registro llegó sin un código de referido válido: no hay nadie bajo quien colocar al nuevo miembro</translation>
    </message>
</context>
<context>
    <name>RemoteOffice</name>
    <message>
        <source>the server&apos;s answer (HTTP %1) is not the office API&apos;s JSON: is this the company&apos;s mlm-server?</source>
        <translation>la respuesta del servidor (HTTP %1) no es el JSON de la API de oficina: ¿es este el mlm-server de la empresa?</translation>
    </message>
    <message>
        <source>the server refused the request (HTTP %1)</source>
        <translation>el servidor rechazó la solicitud (HTTP %1)</translation>
    </message>
    <message>
        <source>the server&apos;s answer to the sign-in</source>
        <translation>la respuesta del servidor al inicio de sesión</translation>
    </message>
    <message>
        <source>the price list is not UTF-8 text</source>
        <translation>la lista de precios no es texto UTF-8</translation>
    </message>
    <message>
        <source>the server now knows %1 with another role: open the window again</source>
        <translation>el servidor conoce ahora a %1 con otro rol: abra la ventana de nuevo</translation>
    </message>
</context>
<context>
    <name>RequestFields</name>
    <message>
        <source>the body is not valid UTF-8</source>
        <translation>el cuerpo no es UTF-8 válido</translation>
    </message>
    <message>
        <source>the body is not valid JSON: %1 at byte %2</source>
        <translation>el cuerpo no es JSON válido: %1 en el byte %2</translation>
    </message>
    <message>
        <source>the body must be a JSON object</source>
        <translation>el cuerpo debe ser un objeto JSON</translation>
    </message>
    <message>
        <source>is required</source>
        <translation>es obligatorio</translation>
    </message>
    <message>
        <source>must be a string</source>
        <translation>debe ser una cadena</translation>
    </message>
    <message>
        <source>must not be empty</source>
        <translation>no debe estar vacío</translation>
    </message>
    <message>
        <source>is longer than %1 characters</source>
        <translation>tiene más de %1 caracteres</translation>
    </message>
    <message>
        <source>must not contain control characters</source>
        <translation>no debe contener caracteres de control</translation>
    </message>
    <message>
        <source>must be a whole number from %1 to %2</source>
        <translation>debe ser un número entero de %1 a %2</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not an ISO 8601 date-time such as 2026-10-05T12:00:00Z</source>
        <translation>&apos;%1&apos; no es una fecha y hora ISO 8601 como 2026-10-05T12:00:00Z</translation>
    </message>
    <message>
        <source>must be an object</source>
        <translation>debe ser un objeto</translation>
    </message>
    <message>
        <source>must be an array</source>
        <translation>debe ser un array</translation>
    </message>
    <message>
        <source>must have %1 to %2 entries</source>
        <translation>debe tener de %1 a %2 elementos</translation>
    </message>
</context>
<context>
    <name>RunStore</name>
    <message>
        <source>a page of a run starts at 0 or later and holds 1 to %1 members</source>
        <translation>una página de un cálculo empieza en 0 o después y contiene de 1 a %1 miembros</translation>
    </message>
    <message>
        <source>no commission run &apos;%1&apos; is kept for you (runs are kept %2 minutes; run it again)</source>
        <translation>no se guarda ningún cálculo de comisiones &apos;%1&apos; para usted (los cálculos se guardan %2 minutos; vuelva a ejecutarlo)</translation>
    </message>
</context>
<context>
    <name>ServerConfig</name>
    <message>
        <source>--listen &apos;%1&apos; is not HOST:PORT such as 127.0.0.1:8080</source>
        <translation>--listen &apos;%1&apos; no es HOST:PUERTO como 127.0.0.1:8080</translation>
    </message>
    <message>
        <source>option --%1 needs a value</source>
        <translation>la opción --%1 necesita un valor</translation>
    </message>
    <message>
        <source>unknown argument &apos;%1&apos;; see mlm-server --help</source>
        <translation>argumento desconocido &apos;%1&apos;; consulte mlm-server --help</translation>
    </message>
    <message>
        <source>cannot read the configuration file %1</source>
        <translation>no se puede leer el archivo de configuración %1</translation>
    </message>
    <message>
        <source>the configuration file %1 is not an INI file</source>
        <translation>el archivo de configuración %1 no es un archivo INI</translation>
    </message>
    <message>
        <source>--%1 &apos;%2&apos; is not a whole number from %3 to %4</source>
        <translation>--%1 &apos;%2&apos; no es un número entero de %3 a %4</translation>
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
        <translation>Uso: mlm-server [--db URL] [--listen HOST:PUERTO] [--tls-cert ARCHIVO --tls-key ARCHIVO] [--threads N]
                  [--config ARCHIVO] [--no-access-log] [más opciones abajo]

Sirve la API de integración de tiendas (docs/api.md) bajo /api/v1.
  --db URL           sqlite:///ruta/abs.db o postgresql://user:pass@host:port/dbname
                     ($MLM_DB; clave de configuración db; por omisión: el archivo SQLite del escritorio)
  --listen HOST:PUERTO dirección en la que escuchar ($MLM_LISTEN; clave listen; por omisión
                     127.0.0.1:8080; el puerto 0 elige un puerto libre)
  --threads N        hilos de trabajo, cada uno con su conexión ($MLM_SERVER_THREADS;
                     clave threads; por omisión: el número de núcleos)
  --request-timeout S
                     segundos para que una petición empezada llegue completa; después 408
                     ($MLM_SERVER_REQUEST_TIMEOUT; clave request_timeout; por omisión 10)
  --idle-timeout S   segundos que una conexión mantenida puede esperar su siguiente petición
                     ($MLM_SERVER_IDLE_TIMEOUT; clave idle_timeout; por omisión 30)
  --max-connections N, --max-connections-per-client N
                     conexiones abiertas en total y desde una dirección de cliente; por encima, 503
                     ($MLM_SERVER_MAX_CONNECTIONS, $MLM_SERVER_MAX_CONNECTIONS_PER_CLIENT; claves
                     max_connections, max_connections_per_client; por omisión 1000 y 100)
  --write-wait MS    cuánto espera una escritura a otra (una importación) antes de responder 503
                     ($MLM_SERVER_WRITE_WAIT; clave write_wait; por omisión 2000)
  --tls-cert ARCHIVO, --tls-key ARCHIVO
                     servir HTTPS con este certificado PEM (su cadena después) y su clave privada
                     ($MLM_SERVER_TLS_CERT, $MLM_SERVER_TLS_KEY; claves tls_cert, tls_key)
  --allow-plain-http HTTP sin cifrar en una dirección que no es de loopback (solo detrás de un proxy TLS;
                     $MLM_SERVER_ALLOW_PLAIN_HTTP; clave allow_plain_http)
  --config ARCHIVO   un archivo INI con las claves anteriores y access_log=true|false ($MLM_SERVER_CONFIG)
  --no-access-log    sin una línea por petición (categoría mlm.api.access)
  --version, --help
</translation>
    </message>
    <message>
        <source>%1 &apos;%2&apos; is not true or false</source>
        <translation>%1 &apos;%2&apos; no es true ni false</translation>
    </message>
    <message>
        <source>--tls-cert and --tls-key go together: give both or neither</source>
        <translation>--tls-cert y --tls-key van juntos: indique los dos o ninguno</translation>
    </message>
    <message>
        <source>%1 is not a loopback address: serve HTTPS with --tls-cert and --tls-key, or say --allow-plain-http (behind a TLS-terminating proxy only)</source>
        <translation>%1 no es una dirección de loopback: sirva HTTPS con --tls-cert y --tls-key, o indique --allow-plain-http (solo detrás de un proxy que termine TLS)</translation>
    </message>
</context>
<context>
    <name>ServerConnection</name>
    <message>
        <source>(no certificate)</source>
        <translation>(sin certificado)</translation>
    </message>
    <message>
        <source>the server&apos;s address is empty</source>
        <translation>la dirección del servidor está vacía</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a server address such as https://office.example.com:8443</source>
        <translation>&apos;%1&apos; no es una dirección de servidor como https://office.example.com:8443</translation>
    </message>
    <message>
        <source>the server&apos;s address must begin with https:// (or http://), not %1://</source>
        <translation>la dirección del servidor debe empezar por https:// (o http://), no por %1://</translation>
    </message>
    <message>
        <source>the server&apos;s address has no path: give only https://host:port</source>
        <translation>la dirección del servidor no lleva ruta: indique solo https://host:puerto</translation>
    </message>
    <message>
        <source>cannot read the CA file %1</source>
        <translation>no se puede leer el archivo de CA %1</translation>
    </message>
    <message>
        <source>the CA file %1 holds no PEM certificate</source>
        <translation>el archivo de CA %1 no contiene ningún certificado PEM</translation>
    </message>
    <message>
        <source>cannot reach the server %1: %2</source>
        <translation>no se puede contactar con el servidor %1: %2</translation>
    </message>
    <message>
        <source>this program has no TLS support (OpenSSL is missing)</source>
        <translation>este programa no tiene soporte TLS (falta OpenSSL)</translation>
    </message>
    <message>
        <source>the server %1 is not the one it claims to be, or its certificate is not trusted here (%2); its certificate&apos;s SHA-256 fingerprint is %3</source>
        <translation>el servidor %1 no es quien dice ser, o su certificado no es de confianza aquí (%2); la huella SHA-256 de su certificado es %3</translation>
    </message>
    <message>
        <source>the server closed the connection</source>
        <translation>el servidor cerró la conexión</translation>
    </message>
    <message>
        <source>the server did not answer within %1 s</source>
        <translation>el servidor no respondió en %1 s</translation>
    </message>
    <message>
        <source>the request could not be sent: %1</source>
        <translation>no se pudo enviar la solicitud: %1</translation>
    </message>
    <message>
        <source>the server&apos;s answer has an oversized header</source>
        <translation>la respuesta del servidor tiene una cabecera demasiado grande</translation>
    </message>
    <message>
        <source>the answer is not HTTP: is this the company&apos;s mlm-server?</source>
        <translation>la respuesta no es HTTP: ¿es este el mlm-server de la empresa?</translation>
    </message>
    <message>
        <source>the server&apos;s answer is garbled (a bad chunk)</source>
        <translation>la respuesta del servidor está dañada (un fragmento erróneo)</translation>
    </message>
    <message>
        <source>the server&apos;s answer is garbled (a bad Content-Length)</source>
        <translation>la respuesta del servidor está dañada (un Content-Length erróneo)</translation>
    </message>
    <message>
        <source>the server&apos;s address holds no user name or password: sign in instead</source>
        <translation>la dirección del servidor no lleva usuario ni contraseña: inicie sesión en su lugar</translation>
    </message>
    <message>
        <source>it is not the certificate trusted for this server before (%1)</source>
        <translation>no es el certificado en el que se confió antes para este servidor (%1)</translation>
    </message>
    <message>
        <source>the server %1 presents ANOTHER certificate than the one trusted for it (%2, trusted: %3): someone may be posing as the server; ask the administrator before you go on</source>
        <translation>el servidor %1 presenta OTRO certificado distinto del de confianza (%2, de confianza: %3): alguien puede estar haciéndose pasar por el servidor; consulte al administrador antes de continuar</translation>
    </message>
</context>
<context>
    <name>Session</name>
    <message>
        <source>the sponsor chain of member %1 loops</source>
        <translation>la cadena de patrocinio del miembro %1 forma un bucle</translation>
    </message>
    <message>
        <source>you cannot disable the user you are signed in as</source>
        <translation>no puede desactivar el usuario con el que ha iniciado sesión</translation>
    </message>
    <message>
        <source>at most %1 members at a time, not %2</source>
        <translation>como máximo %1 miembros a la vez, no %2</translation>
    </message>
</context>
<context>
    <name>SqliteBulkWriter</name>
    <message>
        <source>database error: %1</source>
        <translation>error de la base de datos: %1</translation>
    </message>
</context>
<context>
    <name>StoreApi</name>
    <message>
        <source>this API key acts for store &apos;%1&apos; only, not for &apos;%2&apos;</source>
        <translation>esta clave de API actúa solo para la tienda &apos;%1&apos;, no para &apos;%2&apos;</translation>
    </message>
    <message>
        <source>the database failed; nothing was changed. Try again later</source>
        <translation>la base de datos falló; no se cambió nada. Inténtelo más tarde</translation>
    </message>
    <message>
        <source>no such endpoint; the API lives under %1</source>
        <translation>no existe ese punto de acceso; la API está bajo %1</translation>
    </message>
    <message>
        <source>no such endpoint: %1</source>
        <translation>no existe ese punto de acceso: %1</translation>
    </message>
    <message>
        <source>%1 is not allowed here; use %2</source>
        <translation>%1 no está permitido aquí; use %2</translation>
    </message>
    <message>
        <source>an API key is required: send the header Authorization: Bearer KEY</source>
        <translation>se necesita una clave de API: envíe la cabecera Authorization: Bearer KEY</translation>
    </message>
    <message>
        <source>the body has %1 bytes; the limit is %2</source>
        <translation>el cuerpo tiene %1 bytes; el límite es %2</translation>
    </message>
    <message>
        <source>send the body as JSON with the header Content-Type: application/json</source>
        <translation>envíe el cuerpo como JSON con la cabecera Content-Type: application/json</translation>
    </message>
    <message>
        <source>no active referral link &apos;%1&apos;</source>
        <translation>no hay ningún enlace de referido activo &apos;%1&apos;</translation>
    </message>
    <message>
        <source>the referral link &apos;%1&apos; belongs to another store</source>
        <translation>el enlace de referido &apos;%1&apos; pertenece a otra tienda</translation>
    </message>
    <message>
        <source>must be customer or distributor</source>
        <translation>debe ser customer o distributor</translation>
    </message>
    <message>
        <source>ask for one buyer: member or customer, not both</source>
        <translation>pida un solo comprador: member o customer, no ambos</translation>
    </message>
    <message>
        <source>no customer &apos;%1&apos; in store &apos;%2&apos;</source>
        <translation>no hay ningún cliente &apos;%1&apos; en la tienda &apos;%2&apos;</translation>
    </message>
    <message>
        <source>buyer: give exactly one of member (a member code) and customer (an email)</source>
        <translation>buyer: indique exactamente uno de member (un código de miembro) y customer (un correo electrónico)</translation>
    </message>
    <message>
        <source>%1: must be an object</source>
        <translation>%1: debe ser un objeto</translation>
    </message>
    <message>
        <source>prices come from the catalog by the buyer&apos;s tier; leave it out</source>
        <translation>los precios salen del catálogo según el nivel del comprador; omita este campo</translation>
    </message>
    <message>
        <source>a new order is pending or paid</source>
        <translation>un pedido nuevo está pending o paid</translation>
    </message>
    <message>
        <source>only a paid order has a payment time</source>
        <translation>solo un pedido pagado tiene hora de pago</translation>
    </message>
    <message>
        <source>must be paid, cancelled or refunded</source>
        <translation>debe ser paid, cancelled o refunded</translation>
    </message>
    <message>
        <source>cannot open a socket: %1</source>
        <translation>no se puede abrir un socket: %1</translation>
    </message>
    <message>
        <source>cannot listen on %1 port %2: %3</source>
        <translation>no se puede escuchar en %1 puerto %2: %3</translation>
    </message>
    <message>
        <source>cannot read the bound port</source>
        <translation>no se puede leer el puerto asignado</translation>
    </message>
    <message>
        <source>a segment of the path %1</source>
        <translation>un segmento de la ruta %1</translation>
    </message>
    <message>
        <source>a query parameter %1</source>
        <translation>un parámetro de la consulta %1</translation>
    </message>
    <message>
        <source>the query parameter &apos;%1&apos; %2</source>
        <translation>el parámetro de la consulta &apos;%1&apos; %2</translation>
    </message>
    <message>
        <source>the request did not arrive whole within %1 s</source>
        <translation>la petición no llegó completa en %1 s</translation>
    </message>
    <message>
        <source>too many open connections; close some and try again</source>
        <translation>demasiadas conexiones abiertas; cierre algunas e inténtelo de nuevo</translation>
    </message>
    <message>
        <source>the database is unavailable for a moment; try again (an order sent again with the same external_id is never made twice)</source>
        <translation>la base de datos no está disponible por un momento; inténtelo de nuevo (un pedido reenviado con el mismo external_id nunca se crea dos veces)</translation>
    </message>
    <message>
        <source>this email belongs to a member of the network already, who signs in at the back office; nothing about the member is told to this store</source>
        <translation>este correo ya pertenece a un miembro de la red, que inicia sesión en el back office; a esta tienda no se le dice nada del miembro</translation>
    </message>
    <message>
        <source>TLS is not available: Qt found no TLS backend (OpenSSL 3)</source>
        <translation>TLS no está disponible: Qt no encontró ningún backend TLS (OpenSSL 3)</translation>
    </message>
    <message>
        <source>cannot read the TLS certificate %1: %2</source>
        <translation>no se puede leer el certificado TLS %1: %2</translation>
    </message>
    <message>
        <source>the TLS certificate %1 holds no PEM certificate</source>
        <translation>el certificado TLS %1 no contiene ningún certificado PEM</translation>
    </message>
    <message>
        <source>cannot read the TLS key %1: %2</source>
        <translation>no se puede leer la clave TLS %1: %2</translation>
    </message>
    <message>
        <source>the TLS key %1 is not an unencrypted PEM private key (RSA or EC)</source>
        <translation>la clave TLS %1 no es una clave privada PEM sin cifrar (RSA o EC)</translation>
    </message>
    <message>
        <source>the TLS key %1 is not the key of the certificate %2 (its first certificate)</source>
        <translation>la clave TLS %1 no es la clave del certificado %2 (su primer certificado)</translation>
    </message>
</context>
<context>
    <name>Stores</name>
    <message>
        <source>store code &apos;%1&apos; is not valid: use 2-32 characters of A-Z, a-z, 0-9, - and _</source>
        <translation>el código de tienda &apos;%1&apos; no es válido: use 2-32 caracteres de A-Z, a-z, 0-9, - y _</translation>
    </message>
    <message>
        <source>store %1 needs a name</source>
        <translation>la tienda %1 necesita un nombre</translation>
    </message>
    <message>
        <source>store %1: the link template must contain {code}</source>
        <translation>tienda %1: la plantilla de enlace debe contener {code}</translation>
    </message>
    <message>
        <source>no store with code &apos;%1&apos;</source>
        <translation>no hay ninguna tienda con el código &apos;%1&apos;</translation>
    </message>
    <message>
        <source>no store with id %1</source>
        <translation>no hay ninguna tienda con el id %1</translation>
    </message>
    <message>
        <source>the store code &apos;%1&apos; is taken</source>
        <translation>el código de tienda &apos;%1&apos; ya está ocupado</translation>
    </message>
    <message>
        <source>no price tier &apos;%1&apos;</source>
        <translation>no existe el nivel de precios &apos;%1&apos;</translation>
    </message>
    <message>
        <source>no referral link &apos;%1&apos;</source>
        <translation>no existe el enlace de referido &apos;%1&apos;</translation>
    </message>
    <message>
        <source>link code &apos;%1&apos; is not valid: use 4-32 characters of A-Z, a-z, 0-9 and -</source>
        <translation>el código de enlace &apos;%1&apos; no es válido: use 4-32 caracteres de A-Z, a-z, 0-9 y -</translation>
    </message>
    <message>
        <source>member %1 is %2 and cannot own a link</source>
        <translation>el miembro %1 está %2 y no puede tener un enlace</translation>
    </message>
    <message>
        <source>could not generate a free link code; try again</source>
        <translation>no se pudo generar un código de enlace libre; inténtelo de nuevo</translation>
    </message>
    <message>
        <source>the link code &apos;%1&apos; is taken</source>
        <translation>el código de enlace &apos;%1&apos; ya está ocupado</translation>
    </message>
    <message>
        <source>the link &apos;%1&apos; is already inactive</source>
        <translation>el enlace &apos;%1&apos; ya está inactivo</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not an email address; a retail customer needs one</source>
        <translation>&apos;%1&apos; no es una dirección de correo electrónico; un cliente minorista necesita una</translation>
    </message>
    <message>
        <source>store %1: the base URL &apos;%2&apos; is not a web address like https://shop.example.com</source>
        <translation>tienda %1: la URL base &apos;%2&apos; no es una dirección web como https://shop.example.com</translation>
    </message>
    <message>
        <source>%1 is terminated and cannot be a store&apos;s default sponsor</source>
        <translation>%1 está dado de baja y no puede ser el patrocinador predeterminado de una tienda</translation>
    </message>
</context>
<context>
    <name>SyntheticCompany</name>
    <message>
        <source>&apos;%1&apos; is not a period YYYY-MM</source>
        <translation>&apos;%1&apos; no es un periodo AAAA-MM</translation>
    </message>
    <message>
        <source>seed needs at least 1 member, 0 or more orders, 1-600 months and 1-24 products</source>
        <translation>seed necesita al menos 1 miembro, 0 o más pedidos, 1-600 meses y 1-24 productos</translation>
    </message>
    <message>
        <source>cannot write the dataset: %1</source>
        <translation>no se pueden escribir los datos: %1</translation>
    </message>
</context>
<context>
    <name>Text</name>
    <message>
        <source>contains the character U+0000 (NUL)</source>
        <translation>contiene el carácter U+0000 (NUL)</translation>
    </message>
    <message>
        <source>is not valid Unicode: a lone surrogate U+%1</source>
        <translation>no es Unicode válido: un sustituto suelto U+%1</translation>
    </message>
</context>
<context>
    <name>UserSessions</name>
    <message>
        <source>too many failed sign-ins; try again later</source>
        <translation>demasiados inicios de sesión fallidos; inténtelo más tarde</translation>
    </message>
    <message>
        <source>the session is not valid (signed out, expired or never begun): sign in again</source>
        <translation>la sesión no es válida (cerrada, caducada o nunca iniciada): vuelva a iniciar sesión</translation>
    </message>
    <message>
        <source>not a session token</source>
        <translation>no es un token de sesión</translation>
    </message>
    <message>
        <source>the old password is not right</source>
        <translation>la contraseña anterior no es correcta</translation>
    </message>
</context>
<context>
    <name>Users</name>
    <message>
        <source>a user name has 2-64 characters of A-Z, a-z, 0-9, &apos;.&apos;, &apos;_&apos;, &apos;@&apos; and &apos;-&apos;</source>
        <translation>un nombre de usuario tiene 2-64 caracteres de A-Z, a-z, 0-9, &apos;.&apos;, &apos;_&apos;, &apos;@&apos; y &apos;-&apos;</translation>
    </message>
    <message>
        <source>a password has at least %1 characters</source>
        <translation>una contraseña tiene al menos %1 caracteres</translation>
    </message>
    <message>
        <source>a password cannot be only spaces</source>
        <translation>una contraseña no puede ser solo espacios</translation>
    </message>
    <message>
        <source>no user &apos;%1&apos;</source>
        <translation>no existe el usuario &apos;%1&apos;</translation>
    </message>
    <message>
        <source>only a distributor user stands for a member; %1 users do not</source>
        <translation>solo un usuario distribuidor representa a un miembro; los usuarios %1 no</translation>
    </message>
    <message>
        <source>a distributor user needs the member it signs in as</source>
        <translation>un usuario distribuidor necesita el miembro con el que inicia sesión</translation>
    </message>
    <message>
        <source>member %1 is terminated and cannot sign in</source>
        <translation>el miembro %1 está dado de baja y no puede iniciar sesión</translation>
    </message>
    <message>
        <source>the user name &apos;%1&apos; is taken</source>
        <translation>el nombre de usuario &apos;%1&apos; ya está ocupado</translation>
    </message>
    <message>
        <source>%1 is the last active admin; make another admin first</source>
        <translation>%1 es el último administrador activo; cree antes otro administrador</translation>
    </message>
    <message>
        <source>wrong user name or password</source>
        <translation>nombre de usuario o contraseña incorrectos</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>MLM back office</source>
        <translation>Back office MLM</translation>
    </message>
    <message>
        <source>The database: sqlite:///path.db or postgresql://...</source>
        <translation>La base de datos: sqlite:///ruta.db o postgresql://...</translation>
    </message>
    <message>
        <source>The user name to sign in with.</source>
        <translation>El nombre de usuario con el que iniciar sesión.</translation>
    </message>
    <message>
        <source>MLM Back Office</source>
        <translation>Back office MLM</translation>
    </message>
    <message>
        <source>Cannot open the database:
%1</source>
        <translation>No se puede abrir la base de datos:
%1</translation>
    </message>
    <message>
        <source>self-test failed: cannot open the database %1</source>
        <translation>la autoprueba falló: no se puede abrir la base de datos %1</translation>
    </message>
    <message>
        <source>mlm-backoffice %1: self-test passed (%2 pages, platform %3)</source>
        <translation>mlm-backoffice %1: autoprueba superada (%2 páginas, plataforma %3)</translation>
    </message>
    <message>
        <source>Open the database given with --db, show the main window as an administrator would see it, and quit: a check that the installed program runs.</source>
        <translation>Abre la base de datos indicada con --db, muestra la ventana principal como la vería un administrador y termina: una comprobación de que el programa instalado funciona.</translation>
    </message>
    <message>
        <source>The company&apos;s server to sign in to: https://host:port (its CA file and a certificate trusted before are remembered per server).</source>
        <translation>El servidor de la empresa en el que iniciar sesión: https://host:port (su archivo de CA y un certificado de confianza anterior se recuerdan por servidor).</translation>
    </message>
</context>
<context>
    <name>mlm::AuditView</name>
    <message>
        <source>Show &amp;more</source>
        <translation>&amp;Mostrar más</translation>
    </message>
    <message>
        <source>All changes</source>
        <translation>Todos los cambios</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>Miembros</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>Pedidos</translation>
    </message>
    <message>
        <source>Referral links</source>
        <translation>Enlaces de referido</translation>
    </message>
    <message>
        <source>Products</source>
        <translation>Productos</translation>
    </message>
    <message>
        <source>Prices</source>
        <translation>Precios</translation>
    </message>
    <message>
        <source>Price tiers</source>
        <translation>Niveles de precios</translation>
    </message>
    <message>
        <source>Stores</source>
        <translation>Tiendas</translation>
    </message>
    <message>
        <source>API keys</source>
        <translation>Claves de API</translation>
    </message>
    <message>
        <source>Compensation plan</source>
        <translation>Plan de compensación</translation>
    </message>
    <message>
        <source>Commission runs</source>
        <translation>Cálculos de comisiones</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>Usuarios</translation>
    </message>
    <message>
        <source>Dataset imports</source>
        <translation>Importaciones de datos</translation>
    </message>
    <message>
        <source>By (user:name, cli:name, api:store:code)</source>
        <translation>Por (user:nombre, cli:nombre, api:store:código)</translation>
    </message>
    <message>
        <source>any day</source>
        <translation>cualquier día</translation>
    </message>
    <message>
        <source>When (UTC)</source>
        <translation>Cuándo (UTC)</translation>
    </message>
    <message>
        <source>By</source>
        <translation>Por</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Cambio</translation>
    </message>
    <message>
        <source>Of</source>
        <translation>De</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Detalles</translation>
    </message>
    <message>
        <source>From:</source>
        <translation>Desde:</translation>
    </message>
    <message>
        <source>Before:</source>
        <translation>Antes de:</translation>
    </message>
    <message>
        <source>No change recorded matches.</source>
        <translation>Ningún cambio registrado coincide.</translation>
    </message>
    <message>
        <source>Changes shown: %L1</source>
        <translation>Cambios mostrados: %L1</translation>
    </message>
    <message>
        <source>%1 #%2</source>
        <translation>%1 n.º %2</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>none</source>
        <translation>ninguno</translation>
    </message>
    <message>
        <source>%1: %2 -&gt; %3</source>
        <translation>%1: %2 -&gt; %3</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>(vacío)</translation>
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
        <translation>Precio %1 de %2</translation>
    </message>
    <message>
        <source>%1 has no %2 price of its own: buyers in this tier pay the retail price</source>
        <translation>%1 no tiene precio propio en el nivel %2: los compradores de este nivel pagan el precio de venta al público</translation>
    </message>
    <message>
        <source>for sale</source>
        <translation>a la venta</translation>
    </message>
    <message>
        <source>withdrawn</source>
        <translation>retirado</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Price in the %1 tier (code %2), in %3</source>
        <translation>Precio en el nivel %1 (código %2), en %3</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Producto</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Activo</translation>
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
        <translation>&apos;%1&apos; no es un importe: escriba un precio como %2</translation>
    </message>
</context>
<context>
    <name>mlm::CatalogView</name>
    <message>
        <source>Price saved</source>
        <translation>Precio guardado</translation>
    </message>
    <message>
        <source>&amp;Add product...</source>
        <translation>&amp;Añadir producto...</translation>
    </message>
    <message>
        <source>&amp;Edit product...</source>
        <translation>&amp;Editar producto...</translation>
    </message>
    <message>
        <source>Add &amp;tier...</source>
        <translation>Añadir &amp;nivel...</translation>
    </message>
    <message>
        <source>&amp;Import price list...</source>
        <translation>&amp;Importar lista de precios...</translation>
    </message>
    <message>
        <source>E&amp;xport price list...</source>
        <translation>E&amp;xportar lista de precios...</translation>
    </message>
    <message>
        <source>Tier added</source>
        <translation>Nivel añadido</translation>
    </message>
    <message>
        <source>Import price list</source>
        <translation>Importar lista de precios</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>Archivos CSV (*.csv);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>Export price list</source>
        <translation>Exportar lista de precios</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Archivos CSV (*.csv)</translation>
    </message>
    <message>
        <source>Double-click a price to change it; leave it empty and the tier falls back to the retail price, shown in grey italics. Cells copied from a spreadsheet are pasted with Ctrl+V from the selected price on. Changes apply to orders placed from now on.</source>
        <translation>Haga doble clic en un precio para cambiarlo; si lo deja vacío, el nivel usa el precio de venta al público, que se muestra en gris y cursiva. Las celdas copiadas de una hoja de cálculo se pegan con Ctrl+V a partir del precio seleccionado. Los cambios se aplican a los pedidos a partir de ahora.</translation>
    </message>
    <message>
        <source>Select a product first.</source>
        <translation>Seleccione primero un producto.</translation>
    </message>
    <message>
        <source>Product %1 added</source>
        <translation>Producto %1 añadido</translation>
    </message>
    <message>
        <source>Product %1 saved</source>
        <translation>Producto %1 guardado</translation>
    </message>
    <message>
        <source>Select the price cell where the pasted block begins.</source>
        <translation>Seleccione la celda de precio donde empieza el bloque pegado.</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>no se puede leer %1: %2</translation>
    </message>
    <message>
        <source>Price list saved to %1</source>
        <translation>Lista de precios guardada en %1</translation>
    </message>
    <message numerus="yes">
        <source>%n price(s) pasted</source>
        <translation>
            <numerusform>%n precio pegado</numerusform>
            <numerusform>%n precios pegados</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n price(s) read from %1.</source>
        <translation>
            <numerusform>%n precio leído de %1.</numerusform>
            <numerusform>%n precios leídos de %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>mlm::CommissionsModel</name>
    <message>
        <source>Member</source>
        <translation>Miembro</translation>
    </message>
    <message>
        <source>PV</source>
        <translation>PV</translation>
    </message>
    <message>
        <source>Qualified</source>
        <translation>Calificado</translation>
    </message>
    <message>
        <source>Retail profit</source>
        <translation>Margen minorista</translation>
    </message>
    <message>
        <source>Level %1</source>
        <translation>Nivel %1</translation>
    </message>
    <message>
        <source>Clawback</source>
        <translation>Descuento</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>Loading...</source>
        <translation>Cargando...</translation>
    </message>
</context>
<context>
    <name>mlm::CommissionsView</name>
    <message>
        <source>&amp;Preview</source>
        <translation>&amp;Vista previa</translation>
    </message>
    <message>
        <source>&amp;Close period...</source>
        <translation>&amp;Cerrar periodo...</translation>
    </message>
    <message>
        <source>Payout &amp;file...</source>
        <translation>&amp;Archivo de pagos...</translation>
    </message>
    <message>
        <source>&amp;Statement...</source>
        <translation>E&amp;xtracto...</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Periodo</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Paid as</source>
        <translation>Pagado como</translation>
    </message>
    <message>
        <source>Rate</source>
        <translation>Tasa</translation>
    </message>
    <message>
        <source>Members paid</source>
        <translation>Miembros pagados</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Importe</translation>
    </message>
    <message>
        <source>Member code</source>
        <translation>Código de miembro</translation>
    </message>
    <message>
        <source>Close period</source>
        <translation>Cerrar periodo</translation>
    </message>
    <message>
        <source>Close %1? Its commissions are computed once more and become final: the period can no longer change, and refunds after it are clawed back in a later period.</source>
        <translation>¿Cerrar %1? Sus comisiones se calculan una vez más y pasan a ser definitivas: el periodo ya no puede cambiar y los reembolsos posteriores se descuentan en un periodo siguiente.</translation>
    </message>
    <message>
        <source>%1 closed</source>
        <translation>%1 cerrado</translation>
    </message>
    <message>
        <source>Save payout file</source>
        <translation>Guardar archivo de pagos</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Archivos CSV (*.csv)</translation>
    </message>
    <message>
        <source>Payout file saved to %1</source>
        <translation>Archivo de pagos guardado en %1</translation>
    </message>
    <message>
        <source>Statement of member:</source>
        <translation>Extracto del miembro:</translation>
    </message>
    <message>
        <source>Per member</source>
        <translation>Por miembro</translation>
    </message>
    <message>
        <source>Per level</source>
        <translation>Por nivel</translation>
    </message>
    <message>
        <source>Pick a period; the statement lists every order that paid you in it, with its level, rate and amount.</source>
        <translation>Elija un periodo; el extracto enumera cada pedido que le generó pagos en él, con su nivel, tasa e importe.</translation>
    </message>
    <message>
        <source>closed %1</source>
        <translation>cerrado el %1</translation>
    </message>
    <message>
        <source>open</source>
        <translation>abierto</translation>
    </message>
    <message>
        <source>An open period: press Preview to compute what it would pay now. Nothing is stored until the period is closed.</source>
        <translation>Un periodo abierto: pulse Vista previa para calcular lo que pagaría ahora. No se guarda nada hasta que se cierre el periodo.</translation>
    </message>
    <message>
        <source>%1 (closed, read-only)</source>
        <translation>%1 (cerrado, solo lectura)</translation>
    </message>
    <message>
        <source>%1 (open)</source>
        <translation>%1 (abierto)</translation>
    </message>
    <message>
        <source>Computing %1</source>
        <translation>Calculando %1</translation>
    </message>
    <message>
        <source>Preview of %1 ready</source>
        <translation>Vista previa de %1 lista</translation>
    </message>
    <message>
        <source>Level %1</source>
        <translation>Nivel %1</translation>
    </message>
    <message>
        <source>Retail profit</source>
        <translation>Margen minorista</translation>
    </message>
    <message>
        <source>Clawbacks</source>
        <translation>Descuentos</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>Closed run of %1.</source>
        <translation>Cálculo cerrado de %1.</translation>
    </message>
    <message>
        <source>Preview of %1 with today&apos;s data; nothing is stored.</source>
        <translation>Vista previa de %1 con los datos de hoy; no se guarda nada.</translation>
    </message>
    <message>
        <source>%1 members with volume or amounts, %2 of them paid. Total %3 %4: levels %5, retail profit %6, clawbacks %7.</source>
        <translation>Miembros con volumen o importes: %1; pagados: %2. Total %3 %4: niveles %5, margen minorista %6, descuentos %7.</translation>
    </message>
    <message>
        <source>a payout file is made for a closed period only</source>
        <translation>el archivo de pagos solo se genera para un periodo cerrado</translation>
    </message>
    <message>
        <source>Select a period first.</source>
        <translation>Seleccione primero un periodo.</translation>
    </message>
    <message>
        <source>Reading %1</source>
        <translation>Leyendo %1</translation>
    </message>
    <message>
        <source>Closing %1</source>
        <translation>Cerrando %1</translation>
    </message>
    <message>
        <source>Saving the payout file of %1</source>
        <translation>Guardando el archivo de pagos de %1</translation>
    </message>
    <message>
        <source>Pick a period and enter a member&apos;s code; the statement lists every order that paid that member in it, with its level, rate and amount.</source>
        <translation>Elija un período e introduzca el código de un miembro; el extracto lista cada pedido que le pagó a ese miembro en él, con su nivel, tasa e importe.</translation>
    </message>
    <message>
        <source>Paid you</source>
        <translation>Le pagó</translation>
    </message>
</context>
<context>
    <name>mlm::ContactDialog</name>
    <message>
        <source>Contact data of %1</source>
        <translation>Datos de contacto de %1</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nombre:</translation>
    </message>
    <message>
        <source>&amp;Email:</source>
        <translation>&amp;Correo electrónico:</translation>
    </message>
    <message>
        <source>&amp;Phone:</source>
        <translation>&amp;Teléfono:</translation>
    </message>
    <message>
        <source>&amp;Country:</source>
        <translation>&amp;País:</translation>
    </message>
</context>
<context>
    <name>mlm::CustomersView</name>
    <message>
        <source>Email begins with...</source>
        <translation>El correo empieza por...</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Correo electrónico</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Propietario</translation>
    </message>
    <message>
        <source>Came through</source>
        <translation>Llegó mediante</translation>
    </message>
    <message>
        <source>Registered</source>
        <translation>Registrado</translation>
    </message>
    <message>
        <source>Store:</source>
        <translation>Tienda:</translation>
    </message>
    <message>
        <source>nobody</source>
        <translation>nadie</translation>
    </message>
    <message>
        <source>Showing the first %1: type more of the email to narrow it.</source>
        <translation>Se muestran los primeros %1: escriba más del correo para acotar.</translation>
    </message>
    <message numerus="yes">
        <source>%n customer(s)</source>
        <translation>
            <numerusform>%n cliente</numerusform>
            <numerusform>%n clientes</numerusform>
        </translation>
    </message>
    <message>
        <source>No customer of %1 has an email that begins with &quot;%2&quot;.</source>
        <translation>Ningún cliente de %1 tiene un correo que empiece por &quot;%2&quot;.</translation>
    </message>
    <message>
        <source>%1 has no retail customers yet. A store adds them when a buyer who is not a distributor registers or orders (separate channel, personal storefronts).</source>
        <translation>%1 aún no tiene clientes minoristas. Una tienda los añade cuando un comprador que no es distribuidor se registra o hace un pedido (canal separado, tiendas personales).</translation>
    </message>
</context>
<context>
    <name>mlm::DashboardView</name>
    <message>
        <source>&amp;Show</source>
        <translation>&amp;Mostrar</translation>
    </message>
    <message>
        <source>Save as &amp;PDF...</source>
        <translation>Guardar como &amp;PDF...</translation>
    </message>
    <message>
        <source>Empty: the whole company</source>
        <translation>Vacío: toda la empresa</translation>
    </message>
    <message>
        <source>Member code</source>
        <translation>Código de miembro</translation>
    </message>
    <message>
        <source>Save dashboard as PDF</source>
        <translation>Guardar el panel como PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>Archivos PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Dashboard saved to %1</source>
        <translation>Panel guardado en %1</translation>
    </message>
    <message>
        <source>Save chart as PNG...</source>
        <translation>Guardar gráfico como PNG...</translation>
    </message>
    <message>
        <source>Save chart as PNG</source>
        <translation>Guardar gráfico como PNG</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>Imágenes PNG (*.png)</translation>
    </message>
    <message>
        <source>Chart saved to %1</source>
        <translation>Gráfico guardado en %1</translation>
    </message>
    <message>
        <source>Hover for exact values; right-click to save the chart as PNG.</source>
        <translation>Pase el ratón para ver valores exactos; clic derecho para guardar el gráfico como PNG.</translation>
    </message>
    <message>
        <source>Your downline:</source>
        <translation>Su red descendente:</translation>
    </message>
    <message>
        <source>Downline of:</source>
        <translation>Red descendente de:</translation>
    </message>
    <message>
        <source>12 months up to:</source>
        <translation>12 meses hasta:</translation>
    </message>
    <message>
        <source>Pick a downline and a month, then Show.</source>
        <translation>Elija una red descendente y un mes, y pulse Mostrar.</translation>
    </message>
    <message>
        <source>Computing the company&apos;s dashboard</source>
        <translation>Calculando el panel de la empresa</translation>
    </message>
    <message>
        <source>Computing the dashboard of %1</source>
        <translation>Calculando el panel de %1</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>The whole company: %1 members, %2 PV of volume in %3.</source>
        <translation>Toda la empresa: %1 miembros, %2 PV de volumen en %3.</translation>
    </message>
    <message>
        <source>%1: %2 members below, %3 PV of group volume in %4.</source>
        <translation>%1: %2 miembros debajo, %3 PV de volumen de grupo en %4.</translation>
    </message>
    <message>
        <source>Personal volume (PV)</source>
        <translation>Volumen personal (PV)</translation>
    </message>
    <message>
        <source>Volume (PV)</source>
        <translation>Volumen (PV)</translation>
    </message>
    <message>
        <source>Group volume (PV)</source>
        <translation>Volumen de grupo (PV)</translation>
    </message>
    <message>
        <source>New members</source>
        <translation>Miembros nuevos</translation>
    </message>
    <message>
        <source>Active (qualified) members</source>
        <translation>Miembros activos (calificados)</translation>
    </message>
    <message>
        <source>&lt;h3&gt;%1&lt;/h3&gt;&lt;table cellspacing=&quot;6&quot;&gt;&lt;tr&gt;&lt;th&gt;&lt;/th&gt;&lt;th align=&quot;right&quot;&gt;%1&lt;/th&gt;&lt;th align=&quot;right&quot;&gt;vs. %2&lt;/th&gt;&lt;/tr&gt;%3&lt;/table&gt;&lt;p&gt;%4&lt;/p&gt;</source>
        <translation>&lt;h3&gt;%1&lt;/h3&gt;&lt;table cellspacing=&quot;6&quot;&gt;&lt;tr&gt;&lt;th&gt;&lt;/th&gt;&lt;th align=&quot;right&quot;&gt;%1&lt;/th&gt;&lt;th align=&quot;right&quot;&gt;frente a %2&lt;/th&gt;&lt;/tr&gt;%3&lt;/table&gt;&lt;p&gt;%4&lt;/p&gt;</translation>
    </message>
    <message>
        <source>there is no chart to save yet</source>
        <translation>todavía no hay ningún gráfico que guardar</translation>
    </message>
    <message>
        <source>cannot write %1</source>
        <translation>no se puede escribir %1</translation>
    </message>
    <message>
        <source>there is no dashboard to save yet</source>
        <translation>todavía no hay ningún panel que guardar</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>no se puede escribir %1: %2</translation>
    </message>
    <message numerus="yes">
        <source>%Ln member(s) today.</source>
        <translation>
            <numerusform>%Ln miembro hoy.</numerusform>
            <numerusform>%Ln miembros hoy.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln member(s) below today.</source>
        <translation>
            <numerusform>%Ln miembro debajo hoy.</numerusform>
            <numerusform>%Ln miembros debajo hoy.</numerusform>
        </translation>
    </message>
    <message>
        <source>Type a member&apos;s code and press Show to see the performance of its downline.</source>
        <translation>Escriba el código de un miembro y pulse Mostrar para ver el rendimiento de su red.</translation>
    </message>
</context>
<context>
    <name>mlm::FirstAdminDialog</name>
    <message>
        <source>First administrator - MLM Back Office</source>
        <translation>Primer administrador - Back office MLM</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Welcome&lt;/h3&gt;This database has no users yet. Create the first administrator: they can then add the other users and give them their roles.</source>
        <translation>&lt;h3&gt;Bienvenido&lt;/h3&gt;Esta base de datos aún no tiene usuarios. Cree el primer administrador: después podrá añadir a los demás usuarios y darles sus roles.</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>&amp;Nombre de usuario:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Contraseña:</translation>
    </message>
    <message>
        <source>&amp;Repeat it:</source>
        <translation>&amp;Repítala:</translation>
    </message>
    <message>
        <source>At least %1 characters.</source>
        <translation>Al menos %1 caracteres.</translation>
    </message>
    <message>
        <source>Create administrator</source>
        <translation>Crear administrador</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>Las dos contraseñas no coinciden.</translation>
    </message>
</context>
<context>
    <name>mlm::InlineProgress</name>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1: stopping...</source>
        <translation>%1: deteniendo...</translation>
    </message>
    <message>
        <source>%1: cancelled</source>
        <translation>%1: cancelado</translation>
    </message>
</context>
<context>
    <name>mlm::LinksView</name>
    <message>
        <source>&amp;Copy URL</source>
        <translation>&amp;Copiar URL</translation>
    </message>
    <message>
        <source>&amp;Save QR as PNG...</source>
        <translation>&amp;Guardar QR como PNG...</translation>
    </message>
    <message>
        <source>&amp;Deactivate</source>
        <translation>&amp;Desactivar</translation>
    </message>
    <message>
        <source>Member code, then Enter</source>
        <translation>Código de miembro y luego Intro</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Código</translation>
    </message>
    <message>
        <source>Store</source>
        <translation>Tienda</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>empty: 8 random characters</source>
        <translation>vacío: 8 caracteres aleatorios</translation>
    </message>
    <message>
        <source>C&amp;reate link</source>
        <translation>C&amp;rear enlace</translation>
    </message>
    <message>
        <source>Deactivate link</source>
        <translation>Desactivar enlace</translation>
    </message>
    <message>
        <source>Deactivate %1? It stops working at once and is never given to anyone else.</source>
        <translation>¿Desactivar %1? Deja de funcionar enseguida y nunca se asigna a otra persona.</translation>
    </message>
    <message>
        <source>Member:</source>
        <translation>Miembro:</translation>
    </message>
    <message>
        <source>Store:</source>
        <translation>Tienda:</translation>
    </message>
    <message>
        <source>Own code:</source>
        <translation>Código propio:</translation>
    </message>
    <message>
        <source>New link</source>
        <translation>Enlace nuevo</translation>
    </message>
    <message>
        <source>active</source>
        <translation>activo</translation>
    </message>
    <message>
        <source>deactivated</source>
        <translation>desactivado</translation>
    </message>
    <message>
        <source>Choose a member first.</source>
        <translation>Elija primero un miembro.</translation>
    </message>
    <message>
        <source>Link %1 created</source>
        <translation>Enlace %1 creado</translation>
    </message>
    <message>
        <source>Select a link to see its QR code</source>
        <translation>Seleccione un enlace para ver su código QR</translation>
    </message>
    <message>
        <source>Copied %1</source>
        <translation>Copiado %1</translation>
    </message>
    <message>
        <source>Select a link first.</source>
        <translation>Seleccione primero un enlace.</translation>
    </message>
    <message>
        <source>Link %1 deactivated</source>
        <translation>Enlace %1 desactivado</translation>
    </message>
    <message>
        <source>Save QR code</source>
        <translation>Guardar código QR</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>Imágenes PNG (*.png)</translation>
    </message>
    <message>
        <source>Cannot write %1</source>
        <translation>No se puede escribir %1</translation>
    </message>
    <message>
        <source>Type a member&apos;s code above and press Enter first.</source>
        <translation>Primero escriba arriba el código de un miembro y pulse Intro.</translation>
    </message>
    <message>
        <source>Type a member&apos;s code above and press Enter to see its referral links.</source>
        <translation>Escriba arriba el código de un miembro y pulse Intro para ver sus enlaces de referido.</translation>
    </message>
    <message>
        <source>%1 has no referral links yet: choose a store below and create one.</source>
        <translation>%1 aún no tiene enlaces de referido: elija una tienda abajo y cree uno.</translation>
    </message>
</context>
<context>
    <name>mlm::MainWindow</name>
    <message>
        <source>MLM Back Office</source>
        <translation>Back office MLM</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>Red</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Archivo</translation>
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
        <source>&amp;Find a member</source>
        <translation>&amp;Buscar un miembro</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>A&amp;yuda</translation>
    </message>
    <message>
        <source>&amp;About</source>
        <translation>&amp;Acerca de</translation>
    </message>
    <message>
        <source>About MLM Back Office</source>
        <translation>Acerca de Back office MLM</translation>
    </message>
    <message>
        <source>&lt;b&gt;MLM Back Office&lt;/b&gt; %1&lt;br&gt;Distributors, customers, orders and commissions for direct-selling companies.</source>
        <translation>&lt;b&gt;Back office MLM&lt;/b&gt; %1&lt;br&gt;Distribuidores, clientes, pedidos y comisiones para empresas de venta directa.</translation>
    </message>
    <message>
        <source>Signed in as %1 (%2)</source>
        <translation>Sesión iniciada como %1 (%2)</translation>
    </message>
    <message>
        <source>, member %1</source>
        <translation>, miembro %1</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>Miembros</translation>
    </message>
    <message>
        <source>Referral links</source>
        <translation>Enlaces de referido</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>Clientes</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>Pedidos</translation>
    </message>
    <message>
        <source>&amp;Open another database...</source>
        <translation>&amp;Abrir otra base de datos...</translation>
    </message>
    <message>
        <source>&amp;Import dataset...</source>
        <translation>&amp;Importar datos...</translation>
    </message>
    <message>
        <source>Import dataset</source>
        <translation>Importar datos</translation>
    </message>
    <message>
        <source>Dataset files (*.json)</source>
        <translation>Archivos de datos (*.json)</translation>
    </message>
    <message>
        <source>&amp;Export dataset...</source>
        <translation>&amp;Exportar datos...</translation>
    </message>
    <message>
        <source>Export dataset</source>
        <translation>Exportar datos</translation>
    </message>
    <message>
        <source>Importing %1</source>
        <translation>Importando %1</translation>
    </message>
    <message>
        <source>Imported %1 members and %2 orders.</source>
        <translation>Importado: miembros %1, pedidos %2.</translation>
    </message>
    <message>
        <source>Exporting to %1</source>
        <translation>Exportando a %1</translation>
    </message>
    <message>
        <source>Exported to %1.</source>
        <translation>Exportado a %1.</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Actualizar</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Principal</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>Usuarios</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>Registro de cambios</translation>
    </message>
    <message>
        <source>Performance</source>
        <translation>Rendimiento</translation>
    </message>
    <message>
        <source>Commissions</source>
        <translation>Comisiones</translation>
    </message>
    <message>
        <source>Catalog</source>
        <translation>Catálogo</translation>
    </message>
    <message>
        <source>Stores</source>
        <translation>Tiendas</translation>
    </message>
    <message>
        <source>Compensation plan</source>
        <translation>Plan de compensación</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>&amp;Configuración</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Idioma</translation>
    </message>
    <message>
        <source>The system&apos;s language</source>
        <translation>El idioma del sistema</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <source>The program will speak %1 from its next start.</source>
        <translation>El programa hablará %1 a partir del próximo inicio.</translation>
    </message>
    <message>
        <source>&amp;Try again</source>
        <translation>&amp;Reintentar</translation>
    </message>
    <message>
        <source>Trying again...</source>
        <translation>Reintentando...</translation>
    </message>
    <message>
        <source>Loading...</source>
        <translation>Cargando...</translation>
    </message>
    <message>
        <source>Datasets are imported and exported at the database itself (mlmctl on the server&apos;s machine), not over the company&apos;s server.</source>
        <translation>Los conjuntos de datos se importan y exportan en la propia base de datos (mlmctl en la máquina del servidor), no a través del servidor de la empresa.</translation>
    </message>
    <message>
        <source>&lt;b&gt;No connection.&lt;/b&gt; %1. What is shown may be out of date; changes cannot be saved until the connection is back.</source>
        <translation>&lt;b&gt;Sin conexión.&lt;/b&gt; %1. Lo que se muestra puede estar desactualizado; los cambios no se pueden guardar hasta que vuelva la conexión.</translation>
    </message>
    <message>
        <source>datasets are imported at the database itself</source>
        <translation>los conjuntos de datos se importan en la propia base de datos</translation>
    </message>
    <message>
        <source>datasets are exported at the database itself</source>
        <translation>los conjuntos de datos se exportan en la propia base de datos</translation>
    </message>
    <message>
        <source>Sign in again</source>
        <translation>Iniciar sesión de nuevo</translation>
    </message>
    <message>
        <source>The server ended your session (%1).
Password of %2:</source>
        <translation>El servidor terminó su sesión (%1).
Contraseña de %2:</translation>
    </message>
    <message>
        <source>Not signed in: the pages cannot be read until you sign in again (View &gt; Refresh).</source>
        <translation>Sin sesión: las páginas no se pueden leer hasta que vuelva a iniciar sesión (Ver &gt; Actualizar).</translation>
    </message>
    <message>
        <source>not signed in to a server</source>
        <translation>sin sesión en un servidor</translation>
    </message>
    <message>
        <source>Signed in again</source>
        <translation>Sesión iniciada de nuevo</translation>
    </message>
</context>
<context>
    <name>mlm::MembersModel</name>
    <message>
        <source>Code</source>
        <translation>Código</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Correo electrónico</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Sponsor</source>
        <translation>Patrocinador</translation>
    </message>
    <message>
        <source>Joined</source>
        <translation>Alta</translation>
    </message>
</context>
<context>
    <name>mlm::MembersView</name>
    <message>
        <source>Change status...</source>
        <translation>Cambiar estado...</translation>
    </message>
    <message>
        <source>Code, name or email begins with...</source>
        <translation>El código, el nombre o el correo empieza por...</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>Todos los estados</translation>
    </message>
    <message numerus="yes">
        <source>%n member(s)</source>
        <translation>
            <numerusform>%n miembro</numerusform>
            <numerusform>%n miembros</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;b&gt;Status history&lt;/b&gt;</source>
        <translation>&lt;b&gt;Historial de estados&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;i&gt;Select a member to see the details.&lt;/i&gt;</source>
        <translation>&lt;i&gt;Seleccione un miembro para ver sus datos.&lt;/i&gt;</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Código</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Correo electrónico</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Teléfono</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>País</translation>
    </message>
    <message>
        <source>Sponsor</source>
        <translation>Patrocinador</translation>
    </message>
    <message>
        <source>Joined</source>
        <translation>Alta</translation>
    </message>
    <message>
        <source>No changes since joining</source>
        <translation>Sin cambios desde el alta</translation>
    </message>
    <message>
        <source>%1: %2 -&gt; %3
by %4: &quot;%5&quot;</source>
        <translation>%1: %2 -&gt; %3
por %4: &quot;%5&quot;</translation>
    </message>
    <message>
        <source>The status of %1 was changed</source>
        <translation>Se cambió el estado de %1</translation>
    </message>
    <message>
        <source>Edit contact...</source>
        <translation>Editar contacto...</translation>
    </message>
    <message>
        <source>The contact data of %1 were saved</source>
        <translation>Se guardaron los datos de contacto de %1</translation>
    </message>
    <message>
        <source>Loading...</source>
        <translation>Cargando...</translation>
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
        <translation>%1, %2, patrocinador %3</translation>
    </message>
    <message>
        <source>no email</source>
        <translation>sin correo</translation>
    </message>
    <message>
        <source>none</source>
        <translation>ninguno</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Código</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>Nivel</translation>
    </message>
    <message>
        <source>First line</source>
        <translation>Primera línea</translation>
    </message>
    <message>
        <source>Joined</source>
        <translation>Alta</translation>
    </message>
    <message>
        <source>PV this month</source>
        <translation>PV este mes</translation>
    </message>
    <message>
        <source>Downline</source>
        <translation>Red descendente</translation>
    </message>
    <message>
        <source>%1 (loading its first line...)</source>
        <translation>%1 (cargando su primera línea...)</translation>
    </message>
</context>
<context>
    <name>mlm::NetworkView</name>
    <message>
        <source>&amp;Move to another sponsor...</source>
        <translation>&amp;Mover a otro patrocinador...</translation>
    </message>
    <message>
        <source>Find a member by code, email or name, then press Enter</source>
        <translation>Busque un miembro por código, correo o nombre y pulse Intro</translation>
    </message>
    <message>
        <source>Nobody found</source>
        <translation>No se encontró a nadie</translation>
    </message>
    <message numerus="yes">
        <source>%n found; showing the first</source>
        <translation>
            <numerusform>%n encontrado; se muestran los primeros</numerusform>
            <numerusform>%n encontrados; se muestran los primeros</numerusform>
        </translation>
    </message>
    <message>
        <source>Select a member first.</source>
        <translation>Seleccione primero un miembro.</translation>
    </message>
    <message>
        <source>%1 now sits under %2</source>
        <translation>%1 está ahora bajo %2</translation>
    </message>
    <message>
        <source>Move %1</source>
        <translation>Mover %1</translation>
    </message>
    <message>
        <source>Code of the new sponsor of %1 (its whole downline moves with it):</source>
        <translation>Código del nuevo patrocinador de %1 (toda su red descendente se mueve con él):</translation>
    </message>
</context>
<context>
    <name>mlm::OpenDatabaseDialog</name>
    <message>
        <source>Open a database - MLM Back Office</source>
        <translation>Abrir una base de datos - Back office MLM</translation>
    </message>
    <message>
        <source>&amp;Browse...</source>
        <translation>&amp;Examinar...</translation>
    </message>
    <message>
        <source>Open a database file</source>
        <translation>Abrir un archivo de base de datos</translation>
    </message>
    <message>
        <source>Databases (*.db *.sqlite);;All files (*)</source>
        <translation>Bases de datos (*.db *.sqlite);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>&amp;New file...</source>
        <translation>&amp;Nuevo archivo...</translation>
    </message>
    <message>
        <source>New database file</source>
        <translation>Nuevo archivo de base de datos</translation>
    </message>
    <message>
        <source>Databases (*.db)</source>
        <translation>Bases de datos (*.db)</translation>
    </message>
    <message>
        <source>Recent files:</source>
        <translation>Archivos recientes:</translation>
    </message>
    <message>
        <source>SQLite file</source>
        <translation>Archivo SQLite</translation>
    </message>
    <message>
        <source>&amp;Host:</source>
        <translation>&amp;Servidor:</translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation>&amp;Puerto:</translation>
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
        <translation>Contrase&amp;ña:</translation>
    </message>
    <message>
        <source>The password is not saved; it is asked for each time.</source>
        <translation>La contraseña no se guarda; se pide cada vez.</translation>
    </message>
    <message>
        <source>PostgreSQL server</source>
        <translation>Servidor PostgreSQL</translation>
    </message>
    <message>
        <source>Choose a file, or make a new one.</source>
        <translation>Elija un archivo o cree uno nuevo.</translation>
    </message>
    <message>
        <source>Host, database and user are needed.</source>
        <translation>Hacen falta el servidor, la base de datos y el usuario.</translation>
    </message>
    <message>
        <source>Upgrading the database</source>
        <translation>Actualizando la base de datos</translation>
    </message>
    <message>
        <source>Upgrading the database (%1)</source>
        <translation>Actualizando la base de datos (%1)</translation>
    </message>
    <message>
        <source>empty: the certificate authorities of this computer</source>
        <translation>vacío: las autoridades de certificación de este equipo</translation>
    </message>
    <message>
        <source>B&amp;rowse...</source>
        <translation>E&amp;xaminar...</translation>
    </message>
    <message>
        <source>The server&apos;s CA certificate</source>
        <translation>El certificado de CA del servidor</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt);;All files (*)</source>
        <translation>Certificados (*.pem *.crt);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation>&amp;Servidor:</translation>
    </message>
    <message>
        <source>User &amp;name:</source>
        <translation>&amp;Nombre de usuario:</translation>
    </message>
    <message>
        <source>&amp;CA file:</source>
        <translation>Archivo de &amp;CA:</translation>
    </message>
    <message>
        <source>The address and the CA file (if you were given one) come from your company&apos;s administrator. Your password is asked when you sign in and never saved.</source>
        <translation>La dirección y el archivo de CA (si le dieron uno) se los da el administrador de su empresa. Su contraseña se pide al iniciar sesión y nunca se guarda.</translation>
    </message>
    <message>
        <source>Company server</source>
        <translation>Servidor de la empresa</translation>
    </message>
    <message>
        <source>Your user name on the server is needed.</source>
        <translation>Se necesita su nombre de usuario en el servidor.</translation>
    </message>
</context>
<context>
    <name>mlm::OrderEntryDialog</name>
    <message>
        <source>Already &amp;paid</source>
        <translation>Ya &amp;pagado</translation>
    </message>
    <message>
        <source>New back-office order</source>
        <translation>Nuevo pedido del back office</translation>
    </message>
    <message>
        <source>Member code, then Enter</source>
        <translation>Código de miembro y luego Intro</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Producto</translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation>Precio unitario</translation>
    </message>
    <message>
        <source>PV</source>
        <translation>PV</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Cantidad</translation>
    </message>
    <message>
        <source>Member:</source>
        <translation>Miembro:</translation>
    </message>
    <message>
        <source>Enter order</source>
        <translation>Registrar pedido</translation>
    </message>
    <message>
        <source>%1, %2: prices of the %3 tier</source>
        <translation>%1, %2: precios del nivel %3</translation>
    </message>
    <message>
        <source>Total: %1</source>
        <translation>Total: %1</translation>
    </message>
    <message>
        <source>Choose the member who buys first.</source>
        <translation>Elija primero el miembro que compra.</translation>
    </message>
    <message>
        <source>Looking up %1...</source>
        <translation>Buscando %1...</translation>
    </message>
</context>
<context>
    <name>mlm::OrdersModel</name>
    <message>
        <source>back office</source>
        <translation>back office</translation>
    </message>
    <message>
        <source>nobody</source>
        <translation>nadie</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Pedido</translation>
    </message>
    <message>
        <source>Store</source>
        <translation>Tienda</translation>
    </message>
    <message>
        <source>Buyer</source>
        <translation>Comprador</translation>
    </message>
    <message>
        <source>Credited to</source>
        <translation>Acreditado a</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>Nivel</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Created (UTC)</source>
        <translation>Creado (UTC)</translation>
    </message>
    <message>
        <source>Loading...</source>
        <translation>Cargando...</translation>
    </message>
</context>
<context>
    <name>mlm::OrdersView</name>
    <message>
        <source>Mark &amp;paid</source>
        <translation>Marcar como &amp;pagado</translation>
    </message>
    <message>
        <source>&amp;Cancel order</source>
        <translation>&amp;Cancelar pedido</translation>
    </message>
    <message>
        <source>&amp;Refund...</source>
        <translation>&amp;Reembolsar...</translation>
    </message>
    <message>
        <source>&amp;New back-office order...</source>
        <translation>&amp;Nuevo pedido del back office...</translation>
    </message>
    <message>
        <source>All stores</source>
        <translation>Todas las tiendas</translation>
    </message>
    <message>
        <source>Back office</source>
        <translation>Back office</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>Cualquier estado</translation>
    </message>
    <message>
        <source>Member code</source>
        <translation>Código de miembro</translation>
    </message>
    <message>
        <source>&lt;i&gt;Select an order to see its lines.&lt;/i&gt;</source>
        <translation>&lt;i&gt;Seleccione un pedido para ver sus líneas.&lt;/i&gt;</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Order %1&lt;/h3&gt;%2, %3&lt;br&gt;Total &lt;b&gt;%4&lt;/b&gt;, PV %5&lt;br&gt;Credited to %6</source>
        <translation>&lt;h3&gt;Pedido %1&lt;/h3&gt;%2, %3&lt;br&gt;Total &lt;b&gt;%4&lt;/b&gt;, PV %5&lt;br&gt;Acreditado a %6</translation>
    </message>
    <message>
        <source>back office</source>
        <translation>back office</translation>
    </message>
    <message>
        <source>nobody</source>
        <translation>nadie</translation>
    </message>
    <message>
        <source>Select an order first.</source>
        <translation>Seleccione primero un pedido.</translation>
    </message>
    <message>
        <source>Order %1 is now %2</source>
        <translation>El pedido %1 ahora está %2</translation>
    </message>
    <message>
        <source>Refund order</source>
        <translation>Reembolsar pedido</translation>
    </message>
    <message>
        <source>Refund order %1 (%2)? Commissions already paid on it are clawed back.</source>
        <translation>¿Reembolsar el pedido %1 (%2)? Las comisiones ya pagadas por él se descuentan.</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Pedido</translation>
    </message>
    <message>
        <source>Order %1 entered</source>
        <translation>Pedido %1 registrado</translation>
    </message>
    <message>
        <source>Orders: %L1</source>
        <translation>Pedidos: %L1</translation>
    </message>
    <message>
        <source>Counting the orders...</source>
        <translation>Contando los pedidos...</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Order %1&lt;/h3&gt;&lt;i&gt;Loading...&lt;/i&gt;</source>
        <translation>&lt;h3&gt;Pedido %1&lt;/h3&gt;&lt;i&gt;Cargando...&lt;/i&gt;</translation>
    </message>
    <message>
        <source>%1 x %2 %3 at %4 = %5</source>
        <comment>quantity, SKU, product name, unit price, line total</comment>
        <translation>%1 x %2 %3 a %4 = %5</translation>
    </message>
</context>
<context>
    <name>mlm::PlanView</name>
    <message>
        <source>&amp;Compression</source>
        <translation>&amp;Compresión</translation>
    </message>
    <message>
        <source>&amp;Retail profit</source>
        <translation>&amp;Margen minorista</translation>
    </message>
    <message>
        <source>&amp;Preview</source>
        <translation>&amp;Vista previa</translation>
    </message>
    <message>
        <source>&amp;Save plan...</source>
        <translation>&amp;Guardar plan...</translation>
    </message>
    <message>
        <source>Rate (%)</source>
        <translation>Tasa (%)</translation>
    </message>
    <message>
        <source>&amp;Add level</source>
        <translation>&amp;Añadir nivel</translation>
    </message>
    <message>
        <source>Remove &amp;last</source>
        <translation>&amp;Quitar el último</translation>
    </message>
    <message>
        <source>Level %1</source>
        <translation>Nivel %1</translation>
    </message>
    <message>
        <source>Paid as</source>
        <translation>Pagado como</translation>
    </message>
    <message>
        <source>Saved plan</source>
        <translation>Plan guardado</translation>
    </message>
    <message>
        <source>Edited plan</source>
        <translation>Plan editado</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Cambio</translation>
    </message>
    <message>
        <source>Save the plan</source>
        <translation>Guardar el plan</translation>
    </message>
    <message>
        <source>Save this plan? It applies to every period not closed yet; closed periods keep the plan they were closed with.</source>
        <translation>¿Guardar este plan? Se aplica a todos los periodos aún no cerrados; los periodos cerrados conservan el plan con el que se cerraron.</translation>
    </message>
    <message>
        <source>Plan saved</source>
        <translation>Plan guardado</translation>
    </message>
    <message>
        <source>Levels</source>
        <translation>Niveles</translation>
    </message>
    <message>
        <source>Level 1 is the buyer&apos;s sponsor. Each level pays its rate of the order&apos;s business volume (BV).</source>
        <translation>El nivel 1 es el patrocinador del comprador. Cada nivel paga su tasa sobre el volumen de negocio (BV) del pedido.</translation>
    </message>
    <message>
        <source>&amp;Qualification PV:</source>
        <translation>PV de &amp;calificación:</translation>
    </message>
    <message>
        <source>A distributor earns level commissions in a month when its own personal volume reaches this.</source>
        <translation>Un distribuidor gana comisiones de nivel en un mes cuando su propio volumen personal alcanza este valor.</translation>
    </message>
    <message>
        <source>With compression, members who do not qualify are skipped: the next qualified upline takes their level.</source>
        <translation>Con compresión se saltan los miembros que no califican: la siguiente línea ascendente calificada ocupa su nivel.</translation>
    </message>
    <message>
        <source>The difference between the price a retail customer paid and the distributor price goes to the distributor credited.</source>
        <translation>La diferencia entre el precio que pagó un cliente minorista y el precio de distribuidor es para el distribuidor acreditado.</translation>
    </message>
    <message>
        <source>Rules</source>
        <translation>Reglas</translation>
    </message>
    <message>
        <source>Preview for the period:</source>
        <translation>Vista previa del periodo:</translation>
    </message>
    <message>
        <source>What the edited plan would pay (nothing is saved)</source>
        <translation>Lo que pagaría el plan editado (no se guarda nada)</translation>
    </message>
    <message>
        <source>level %1: &apos;%2&apos; is not a rate from 0 to 100 percent</source>
        <translation>nivel %1: &apos;%2&apos; no es una tasa de 0 a 100 por ciento</translation>
    </message>
    <message>
        <source>the qualification PV &apos;%1&apos; is not a number of points</source>
        <translation>el PV de calificación &apos;%1&apos; no es un número de puntos</translation>
    </message>
    <message>
        <source>Previewing %1</source>
        <translation>Vista previa de %1</translation>
    </message>
    <message>
        <source>Retail profit</source>
        <translation>Margen minorista</translation>
    </message>
    <message>
        <source>Clawbacks</source>
        <translation>Descuentos</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>%1, amounts in %2: the saved plan pays %3 members, the edited plan %4.</source>
        <translation>%1, importes en %2: el plan guardado paga a %3 miembros, el plan editado a %4.</translation>
    </message>
    <message>
        <source>Save plan</source>
        <translation>Guardar plan</translation>
    </message>
    <message>
        <source>%1 (no paid orders)</source>
        <translation>%1 (sin pedidos pagados)</translation>
    </message>
</context>
<context>
    <name>mlm::ProductDialog</name>
    <message>
        <source>For sale (active)</source>
        <translation>A la venta (activo)</translation>
    </message>
    <message>
        <source>New product</source>
        <translation>Producto nuevo</translation>
    </message>
    <message>
        <source>Product %1</source>
        <translation>Producto %1</translation>
    </message>
    <message>
        <source>e.g. VITA-30</source>
        <translation>p. ej. VITA-30</translation>
    </message>
    <message>
        <source>Points, e.g. %1</source>
        <translation>Puntos, p. ej. %1</translation>
    </message>
    <message>
        <source>Commissionable amount in %1</source>
        <translation>Importe comisionable en %1</translation>
    </message>
    <message>
        <source>Price in %1; other tiers are set in the grid</source>
        <translation>Precio en %1; los demás niveles se fijan en la cuadrícula</translation>
    </message>
    <message>
        <source>&amp;SKU:</source>
        <translation>&amp;SKU:</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nombre:</translation>
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
        <translation>Precio de venta al &amp;público (%1):</translation>
    </message>
    <message>
        <source>Add product</source>
        <translation>Añadir producto</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Guardar</translation>
    </message>
    <message>
        <source>PV must be a number of points like %1 or 0</source>
        <translation>PV debe ser un número de puntos como %1 o 0</translation>
    </message>
    <message>
        <source>BV must be an amount like %1 or 0</source>
        <translation>BV debe ser un importe como %1 o 0</translation>
    </message>
    <message>
        <source>the retail price must be an amount like %1</source>
        <translation>el precio de venta al público debe ser un importe como %1</translation>
    </message>
</context>
<context>
    <name>mlm::ServerSignInDialog</name>
    <message>
        <source>Company server: %1</source>
        <translation>Servidor de la empresa: %1</translation>
    </message>
    <message>
        <source>Certificate changed</source>
        <translation>Certificado cambiado</translation>
    </message>
    <message>
        <source>&lt;b&gt;The server %1 presents another certificate than the one you trusted for it.&lt;/b&gt;&lt;p&gt;Someone may be posing as your company&apos;s server. Do not sign in: ask your administrator whether the server&apos;s certificate was replaced.&lt;/p&gt;&lt;p&gt;Now: %2&lt;br&gt;Trusted: %3&lt;/p&gt;</source>
        <translation>&lt;b&gt;El servidor %1 presenta otro certificado distinto del que aceptó para él.&lt;/b&gt;&lt;p&gt;Alguien puede estar haciéndose pasar por el servidor de su empresa. No inicie sesión: pregunte a su administrador si se reemplazó el certificado del servidor.&lt;/p&gt;&lt;p&gt;Ahora: %2&lt;br&gt;De confianza: %3&lt;/p&gt;</translation>
    </message>
    <message>
        <source>the server&apos;s certificate changed since you trusted it (now %1): not signed in</source>
        <translation>el certificado del servidor cambió desde que confió en él (ahora %1): no se inició sesión</translation>
    </message>
    <message>
        <source>Unknown certificate</source>
        <translation>Certificado desconocido</translation>
    </message>
    <message>
        <source>&lt;b&gt;The certificate of %1 cannot be verified&lt;/b&gt; (%2).&lt;p&gt;Its SHA-256 fingerprint is&lt;br&gt;&lt;tt&gt;%3&lt;/tt&gt;&lt;/p&gt;&lt;p&gt;Issued to %4 by %5, valid until %6. Compare the fingerprint with the one your administrator gave you. Trust exactly this certificate for this server from now on?&lt;/p&gt;</source>
        <translation>&lt;b&gt;El certificado de %1 no se puede verificar&lt;/b&gt; (%2).&lt;p&gt;Su huella SHA-256 es&lt;br&gt;&lt;tt&gt;%3&lt;/tt&gt;&lt;/p&gt;&lt;p&gt;Emitido para %4 por %5, válido hasta %6. Compare la huella con la que le dio su administrador. ¿Confiar a partir de ahora exactamente en este certificado para este servidor?&lt;/p&gt;</translation>
    </message>
    <message>
        <source>the server&apos;s certificate (%1) is not trusted: not signed in</source>
        <translation>el certificado del servidor (%1) no es de confianza: no se inició sesión</translation>
    </message>
    <message>
        <source>Trust this certificate</source>
        <translation>Confiar en este certificado</translation>
    </message>
</context>
<context>
    <name>mlm::SignInDialog</name>
    <message>
        <source>Sign in - MLM Back Office</source>
        <translation>Iniciar sesión - Back office MLM</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Sign in&lt;/h3&gt;</source>
        <translation>&lt;h3&gt;Iniciar sesión&lt;/h3&gt;</translation>
    </message>
    <message>
        <source>Database: %1</source>
        <translation>Base de datos: %1</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>&amp;Nombre de usuario:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Contraseña:</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Iniciar sesión</translation>
    </message>
</context>
<context>
    <name>mlm::StatementDialog</name>
    <message>
        <source>Level commission</source>
        <translation>Comisión de nivel</translation>
    </message>
    <message>
        <source>Retail profit</source>
        <translation>Margen minorista</translation>
    </message>
    <message>
        <source>Clawback</source>
        <translation>Descuento</translation>
    </message>
    <message>
        <source>back office</source>
        <translation>back office</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>Nivel</translation>
    </message>
    <message>
        <source>Rate</source>
        <translation>Tasa</translation>
    </message>
    <message>
        <source>Store</source>
        <translation>Tienda</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Pedido</translation>
    </message>
    <message>
        <source>Base</source>
        <translation>Base</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Importe</translation>
    </message>
    <message>
        <source>Statement of %1 for %2</source>
        <translation>Extracto de %1 para %2</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; (%2), %3, %4&lt;br&gt;Personal volume %5 PV, %6. Total &lt;b&gt;%7 %8&lt;/b&gt;.</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; (%2), %3, %4&lt;br&gt;Volumen personal %5 PV, %6. Total &lt;b&gt;%7 %8&lt;/b&gt;.</translation>
    </message>
    <message>
        <source>closed period</source>
        <translation>periodo cerrado</translation>
    </message>
    <message>
        <source>open period: amounts may still change</source>
        <translation>periodo abierto: los importes aún pueden cambiar</translation>
    </message>
    <message>
        <source>qualified</source>
        <translation>calificado</translation>
    </message>
    <message>
        <source>not qualified</source>
        <translation>no calificado</translation>
    </message>
    <message>
        <source>&amp;Print...</source>
        <translation>&amp;Imprimir...</translation>
    </message>
    <message>
        <source>Save &amp;PDF...</source>
        <translation>Guardar &amp;PDF...</translation>
    </message>
    <message>
        <source>Save &amp;CSV...</source>
        <translation>Guardar &amp;CSV...</translation>
    </message>
    <message>
        <source>Save statement as PDF</source>
        <translation>Guardar extracto como PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>Archivos PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Save statement as CSV</source>
        <translation>Guardar extracto como CSV</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Archivos CSV (*.csv)</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Commission statement&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;Extracto de comisiones&lt;/h2&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;%1&lt;/b&gt; (%2)&lt;br&gt;Period %3 (%4)&lt;br&gt;Personal volume %5 PV, %6&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;%1&lt;/b&gt; (%2)&lt;br&gt;Periodo %3 (%4)&lt;br&gt;Volumen personal %5 PV, %6&lt;/p&gt;</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>cerrado</translation>
    </message>
    <message>
        <source>open: amounts may still change</source>
        <translation>abierto: los importes aún pueden cambiar</translation>
    </message>
    <message>
        <source>&lt;p&gt;Retail profit %1, levels %2, clawbacks %3.&lt;br&gt;&lt;b&gt;Total %4 %5&lt;/b&gt;&lt;/p&gt;</source>
        <translation>&lt;p&gt;Margen minorista %1, niveles %2, descuentos %3.&lt;br&gt;&lt;b&gt;Total %4 %5&lt;/b&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>no se puede escribir %1: %2</translation>
    </message>
    <message>
        <source>&lt; Pre&amp;vious</source>
        <translation>&lt; &amp;Anterior</translation>
    </message>
    <message>
        <source>&amp;Next &gt;</source>
        <translation>&amp;Siguiente &gt;</translation>
    </message>
    <message>
        <source>A statement of more than one page is saved as CSV.</source>
        <translation>Un extracto de más de una página se guarda como CSV.</translation>
    </message>
    <message>
        <source>Lines %1-%2 of %3</source>
        <translation>Líneas %1-%2 de %3</translation>
    </message>
    <message>
        <source>the statement&apos;s other lines cannot be read</source>
        <translation>no se pueden leer las demás líneas del extracto</translation>
    </message>
</context>
<context>
    <name>mlm::StatusChangeDialog</name>
    <message>
        <source>Change the status of %1</source>
        <translation>Cambiar el estado de %1</translation>
    </message>
    <message>
        <source>Why? It is kept in the member&apos;s history</source>
        <translation>¿Por qué? Se guarda en el historial del miembro</translation>
    </message>
    <message>
        <source>%1 (%2) is now &lt;b&gt;%3&lt;/b&gt;.</source>
        <translation>%1 (%2) ahora está &lt;b&gt;%3&lt;/b&gt;.</translation>
    </message>
    <message>
        <source>New &amp;status:</source>
        <translation>Nuevo &amp;estado:</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>&amp;Motivo:</translation>
    </message>
    <message>
        <source>Change status</source>
        <translation>Cambiar estado</translation>
    </message>
</context>
<context>
    <name>mlm::StoresView</name>
    <message>
        <source>Code</source>
        <translation>Código</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Scenario</source>
        <translation>Escenario</translation>
    </message>
    <message>
        <source>&amp;Save store</source>
        <translation>&amp;Guardar tienda</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Clave</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Etiqueta</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Creada</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>&amp;Create key...</source>
        <translation>&amp;Crear clave...</translation>
    </message>
    <message>
        <source>&amp;Revoke key</source>
        <translation>&amp;Revocar clave</translation>
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
        <translation>Código de miembro; los compradores sin enlace se colocan bajo él</translation>
    </message>
    <message>
        <source>Store saved</source>
        <translation>Tienda guardada</translation>
    </message>
    <message>
        <source>&amp;New store</source>
        <translation>&amp;Nueva tienda</translation>
    </message>
    <message>
        <source>New API key</source>
        <translation>Nueva clave de API</translation>
    </message>
    <message>
        <source>A label for the key (who or what will use it):</source>
        <translation>Una etiqueta para la clave (quién o qué la usará):</translation>
    </message>
    <message>
        <source>This is the whole key. Copy it now: it is shown only once and cannot be read again.</source>
        <translation>Esta es la clave completa. Cópiela ahora: se muestra solo una vez y no se puede volver a leer.</translation>
    </message>
    <message>
        <source>Copy key</source>
        <translation>Copiar clave</translation>
    </message>
    <message>
        <source>Revoke API key</source>
        <translation>Revocar clave de API</translation>
    </message>
    <message>
        <source>Revoke the key %1? Requests with it are refused from now on; this cannot be undone.</source>
        <translation>¿Revocar la clave %1? Las peticiones con ella se rechazan a partir de ahora; no se puede deshacer.</translation>
    </message>
    <message>
        <source>C&amp;ode:</source>
        <translation>C&amp;ódigo:</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nombre:</translation>
    </message>
    <message>
        <source>&amp;Base URL:</source>
        <translation>URL &amp;base:</translation>
    </message>
    <message>
        <source>S&amp;cenario:</source>
        <translation>&amp;Escenario:</translation>
    </message>
    <message>
        <source>&amp;Link template:</source>
        <translation>&amp;Plantilla de enlace:</translation>
    </message>
    <message>
        <source>Example link:</source>
        <translation>Enlace de ejemplo:</translation>
    </message>
    <message>
        <source>&amp;Default sponsor:</source>
        <translation>Patrocinador &amp;predeterminado:</translation>
    </message>
    <message>
        <source>&amp;Pinned tier:</source>
        <translation>Nivel &amp;fijo:</translation>
    </message>
    <message>
        <source>Store</source>
        <translation>Tienda</translation>
    </message>
    <message>
        <source>A store&apos;s server sends its key with every API request.</source>
        <translation>El servidor de una tienda envía su clave con cada petición a la API.</translation>
    </message>
    <message>
        <source>API keys of this store</source>
        <translation>Claves de API de esta tienda</translation>
    </message>
    <message>
        <source>None: each buyer&apos;s own tier</source>
        <translation>Ninguno: el nivel propio de cada comprador</translation>
    </message>
    <message>
        <source>(no template: the store makes no referral links)</source>
        <translation>(sin plantilla: la tienda no crea enlaces de referido)</translation>
    </message>
    <message>
        <source>The template must contain {code}, where each link&apos;s code goes.</source>
        <translation>La plantilla debe contener {code}, donde va el código de cada enlace.</translation>
    </message>
    <message>
        <source>revoked %1</source>
        <translation>revocada el %1</translation>
    </message>
    <message>
        <source>active</source>
        <translation>activa</translation>
    </message>
    <message>
        <source>Save the store first.</source>
        <translation>Guarde primero la tienda.</translation>
    </message>
    <message>
        <source>API key %1 created</source>
        <translation>Clave de API %1 creada</translation>
    </message>
    <message>
        <source>Select a key first.</source>
        <translation>Seleccione primero una clave.</translation>
    </message>
    <message>
        <source>API key %1 revoked</source>
        <translation>Clave de API %1 revocada</translation>
    </message>
    <message>
        <source>Revoke key</source>
        <translation>Revocar clave</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>Copiada</translation>
    </message>
</context>
<context>
    <name>mlm::TierDialog</name>
    <message>
        <source>New price tier</source>
        <translation>Nuevo nivel de precios</translation>
    </message>
    <message>
        <source>e.g. vip (a-z, 0-9 and _)</source>
        <translation>p. ej. vip (a-z, 0-9 y _)</translation>
    </message>
    <message>
        <source>e.g. VIP customers</source>
        <translation>p. ej. Clientes VIP</translation>
    </message>
    <message>
        <source>&amp;Code:</source>
        <translation>&amp;Código:</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nombre:</translation>
    </message>
    <message>
        <source>Until a product gets a price in the new tier, buyers in it pay the retail price. A store can pin its buyers to a tier.</source>
        <translation>Hasta que un producto tenga precio en el nuevo nivel, sus compradores pagan el precio de venta al público. Una tienda puede fijar a sus compradores en un nivel.</translation>
    </message>
    <message>
        <source>Add tier</source>
        <translation>Añadir nivel</translation>
    </message>
</context>
<context>
    <name>mlm::UserDialog</name>
    <message>
        <source>The member this distributor is</source>
        <translation>El miembro que es este distribuidor</translation>
    </message>
    <message>
        <source>At least %1 characters</source>
        <translation>Al menos %1 caracteres</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>&amp;Nombre de usuario:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Contraseña:</translation>
    </message>
    <message>
        <source>&amp;Repeat it:</source>
        <translation>&amp;Repítala:</translation>
    </message>
    <message>
        <source>R&amp;ole:</source>
        <translation>R&amp;ol:</translation>
    </message>
    <message>
        <source>&amp;Member:</source>
        <translation>&amp;Miembro:</translation>
    </message>
    <message>
        <source>New user</source>
        <translation>Usuario nuevo</translation>
    </message>
    <message>
        <source>Add user</source>
        <translation>Añadir usuario</translation>
    </message>
    <message>
        <source>Role of %1</source>
        <translation>Rol de %1</translation>
    </message>
    <message>
        <source>Change role</source>
        <translation>Cambiar rol</translation>
    </message>
    <message>
        <source>New password for %1</source>
        <translation>Nueva contraseña para %1</translation>
    </message>
    <message>
        <source>Set password</source>
        <translation>Establecer contraseña</translation>
    </message>
    <message>
        <source>the two passwords differ</source>
        <translation>las dos contraseñas no coinciden</translation>
    </message>
</context>
<context>
    <name>mlm::UsersView</name>
    <message>
        <source>&amp;Add user...</source>
        <translation>&amp;Añadir usuario...</translation>
    </message>
    <message>
        <source>Change &amp;role...</source>
        <translation>Cambiar &amp;rol...</translation>
    </message>
    <message>
        <source>Set &amp;password...</source>
        <translation>Establecer &amp;contraseña...</translation>
    </message>
    <message>
        <source>&amp;Disable</source>
        <translation>&amp;Desactivar</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Usuario</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rol</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>Miembro</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>Desde</translation>
    </message>
    <message>
        <source>Disable user</source>
        <translation>Desactivar usuario</translation>
    </message>
    <message>
        <source>Disable %1? The account stays, but cannot sign in until it is enabled again.</source>
        <translation>¿Desactivar %1? La cuenta se conserva, pero no puede iniciar sesión hasta que se vuelva a activar.</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>Usuarios</translation>
    </message>
    <message>
        <source>active</source>
        <translation>activo</translation>
    </message>
    <message>
        <source>disabled</source>
        <translation>desactivado</translation>
    </message>
    <message>
        <source>&amp;Enable</source>
        <translation>&amp;Activar</translation>
    </message>
    <message>
        <source>Select a user first.</source>
        <translation>Seleccione primero un usuario.</translation>
    </message>
    <message>
        <source>%1 may sign in again</source>
        <translation>%1 puede volver a iniciar sesión</translation>
    </message>
    <message>
        <source>%1 is disabled</source>
        <translation>%1 está desactivado</translation>
    </message>
    <message>
        <source>Users saved</source>
        <translation>Usuarios guardados</translation>
    </message>
    <message>
        <source>You are signed in as this user: another administrator can disable it.</source>
        <translation>Ha iniciado sesión como este usuario: otro administrador puede desactivarlo.</translation>
    </message>
</context>
<context>
    <name>mlm_server</name>
    <message>
        <source>the database %1 is at schema version %2, this server needs %3: run mlmctl --db URL init first</source>
        <translation>la base de datos %1 está en la versión de esquema %2 y este servidor necesita la %3: ejecute primero mlmctl --db URL init</translation>
    </message>
    <message>
        <source>cannot share the listening socket: %1</source>
        <translation>no se puede compartir el socket de escucha: %1</translation>
    </message>
    <message>
        <source>mlm-server: at most %1 connections: the limit of open files is %2 (LimitNOFILE, ulimit -n)</source>
        <translation>mlm-server: como mucho %1 conexiones: el límite de archivos abiertos es %2 (LimitNOFILE, ulimit -n)</translation>
    </message>
    <message>
        <source>HTTPS</source>
        <translation>HTTPS</translation>
    </message>
    <message>
        <source>plain HTTP on loopback</source>
        <translation>HTTP sin cifrar en loopback</translation>
    </message>
    <message>
        <source>plain HTTP, allowed by --allow-plain-http: a TLS-terminating proxy must be in front</source>
        <translation>HTTP sin cifrar, permitido por --allow-plain-http: debe haber delante un proxy que termine TLS</translation>
    </message>
    <message>
        <source>mlm-server: listening on %1://%2:%3 (%4; %5 threads, database %6)</source>
        <translation>mlm-server: escuchando en %1://%2:%3 (%4; %5 hilos, base de datos %6)</translation>
    </message>
</context>
<context>
    <name>mlmctl</name>
    <message>
        <source>option --%1 needs a value</source>
        <translation>la opción --%1 necesita un valor</translation>
    </message>
    <message>
        <source>--%1 must be a whole number of at least %2, not &apos;%3&apos;</source>
        <translation>--%1 debe ser un número entero de al menos %2, no &apos;%3&apos;</translation>
    </message>
    <message>
        <source>import failed, nothing was changed: %1</source>
        <translation>la importación falló, no se cambió nada: %1</translation>
    </message>
    <message>
        <source>imported %1 members, %2 products, %3 stores, %4 links, %5 customers, %6 orders</source>
        <translation>importado: miembros %1, productos %2, tiendas %3, enlaces %4, clientes %5, pedidos %6</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>no se puede escribir %1: %2</translation>
    </message>
    <message>
        <source>database %1 is at schema version %2</source>
        <translation>la base de datos %1 está en la versión de esquema %2</translation>
    </message>
    <message>
        <source>database: %1, schema version %2</source>
        <translation>base de datos: %1, versión de esquema %2</translation>
    </message>
    <message>
        <source>currency: %1</source>
        <translation>moneda: %1</translation>
    </message>
    <message>
        <source>not set</source>
        <translation>sin definir</translation>
    </message>
    <message>
        <source>products: %1</source>
        <translation>productos: %1</translation>
    </message>
    <message>
        <source>stores: %1</source>
        <translation>tiendas: %1</translation>
    </message>
    <message>
        <source>none</source>
        <translation>ninguna</translation>
    </message>
    <message>
        <source>orders: %1</source>
        <translation>pedidos: %1</translation>
    </message>
    <message>
        <source>paid between %1 and %2</source>
        <translation>pagados entre %1 y %2</translation>
    </message>
    <message>
        <source>usage: mlmctl --db URL import FILE.json</source>
        <translation>uso: mlmctl --db URL import ARCHIVO.json</translation>
    </message>
    <message>
        <source>usage: mlmctl --db URL export FILE.json</source>
        <translation>uso: mlmctl --db URL export ARCHIVO.json</translation>
    </message>
    <message>
        <source>export failed: %1</source>
        <translation>la exportación falló: %1</translation>
    </message>
    <message>
        <source>usage: mlmctl --db URL order refund --store CODE --external-id ID --at ISO8601</source>
        <translation>uso: mlmctl --db URL order refund --store CÓDIGO --external-id ID --at ISO8601</translation>
    </message>
    <message>
        <source>--at &apos;%1&apos; is not an ISO 8601 date-time such as 2026-10-05T12:00:00Z</source>
        <translation>--at &apos;%1&apos; no es una fecha y hora ISO 8601 como 2026-10-05T12:00:00Z</translation>
    </message>
    <message>
        <source>order %1 refunded at %2</source>
        <translation>pedido %1 reembolsado el %2</translation>
    </message>
    <message>
        <source>unknown command &apos;%1&apos;; see mlmctl --help</source>
        <translation>comando desconocido &apos;%1&apos;; consulte mlmctl --help</translation>
    </message>
    <message>
        <source>--period &apos;%1&apos; is not a month such as 2026-10</source>
        <translation>--period &apos;%1&apos; no es un mes como 2026-10</translation>
    </message>
    <message>
        <source>--format &apos;%1&apos; is not json or csv</source>
        <translation>--format &apos;%1&apos; no es json ni csv</translation>
    </message>
    <message>
        <source>usage: mlmctl --db URL commissions statement --period YYYY-MM --member CODE</source>
        <translation>uso: mlmctl --db URL commissions statement --period AAAA-MM --member CÓDIGO</translation>
    </message>
    <message>
        <source>unknown command &apos;commissions %1&apos;; see mlmctl --help</source>
        <translation>comando desconocido &apos;commissions %1&apos;; consulte mlmctl --help</translation>
    </message>
    <message>
        <source>usage: mlmctl --db URL store key create --store CODE [--label TEXT]</source>
        <translation>uso: mlmctl --db URL store key create --store CÓDIGO [--label TEXTO]</translation>
    </message>
    <message>
        <source>API key %1 (id %2) for store %3: keep it now, it is not shown again</source>
        <translation>clave de API %1 (id %2) para la tienda %3: guárdela ahora, no se vuelve a mostrar</translation>
    </message>
    <message>
        <source>API key %1 revoked</source>
        <translation>clave de API %1 revocada</translation>
    </message>
    <message>
        <source>unknown command &apos;store %1&apos;; see mlmctl --help</source>
        <translation>comando desconocido &apos;store %1&apos;; consulte mlmctl --help</translation>
    </message>
    <message>
        <source>usage: mlmctl user list | user add NAME --role admin|support|distributor [--member CODE] | user passwd NAME | user disable NAME | user enable NAME</source>
        <translation>uso: mlmctl user list | user add NOMBRE --role admin|support|distributor [--member CÓDIGO] | user passwd NOMBRE | user disable NOMBRE | user enable NOMBRE</translation>
    </message>
    <message>
        <source>--role must be admin, support or distributor</source>
        <translation>--role debe ser admin, support o distributor</translation>
    </message>
    <message>
        <source>Password for %1: </source>
        <translation>Contraseña para %1: </translation>
    </message>
    <message>
        <source>user %1 added (%2)</source>
        <translation>usuario %1 añadido (%2)</translation>
    </message>
    <message>
        <source>New password for %1: </source>
        <translation>Nueva contraseña para %1: </translation>
    </message>
    <message>
        <source>password of %1 changed</source>
        <translation>contraseña de %1 cambiada</translation>
    </message>
    <message>
        <source>user %1 enabled</source>
        <translation>usuario %1 activado</translation>
    </message>
    <message>
        <source>user %1 disabled</source>
        <translation>usuario %1 desactivado</translation>
    </message>
    <message>
        <source>unknown command &apos;user %1&apos;; see mlmctl --help</source>
        <translation>comando desconocido &apos;user %1&apos;; consulte mlmctl --help</translation>
    </message>
    <message>
        <source>demo company created in %1: %2 members, %3 orders; users admin, support and distributor (passwords admin-demo, support-demo, distributor-demo)</source>
        <translation>empresa de demostración creada en %1: miembros %2, pedidos %3; usuarios admin, support y distributor (contraseñas admin-demo, support-demo, distributor-demo)</translation>
    </message>
    <message>
        <source>--today must be a date YYYY-MM-DD, not &apos;%1&apos;</source>
        <translation>--today debe ser una fecha AAAA-MM-DD, no &apos;%1&apos;</translation>
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
        <translation>Uso: mlmctl [--db URL] COMANDO ...

URL: sqlite:///ruta/abs.db, sqlite:relativa.db o postgresql://user:pass@host:port/dbname
     (por omisión: $MLM_DB, si no, un archivo SQLite en la carpeta de datos del usuario)

Comandos:
  init                                  crear o actualizar el esquema
  info                                  lo que contiene la base de datos: miembros, tiendas, pedidos
  import FILE.json [--progress]         cargar un archivo de datos, todo o nada
  export FILE.json                      escribir toda la base de datos como archivo de datos (- para stdout)
  order refund --store CODE --external-id ID --at ISO8601
                                        reembolsar un pedido pagado (la tienda - es el back office)
  commissions run --period YYYY-MM [--close] [--format json|csv]
                                        calcular las comisiones de un mes (vista previa, o cerrarlo con --close)
  commissions show --period YYYY-MM [--format json|csv]
                                        el cálculo guardado de un mes cerrado
  commissions statement --period YYYY-MM --member CODE
                                        cada pedido que pagó a un miembro ese mes, con nivel y tasa
  store list                            las tiendas con su escenario y plantilla de enlace
  store key create --store CODE [--label TEXT]
                                        crear una clave de API para una tienda; se muestra una vez, nunca más
  store key list [--store CODE]         las claves de API (id, prefijo, tienda, etiqueta, creada, revocada)
  store key revoke ID|PREFIX            revocar una clave de API en el acto
  user list                             los usuarios del programa de escritorio, su rol y su miembro
  user add NAME --role admin|support|distributor [--member CODE]
                                        añadir un usuario; la contraseña se lee de la entrada estándar
  user passwd NAME                      establecer una nueva contraseña (de la entrada estándar)
  user disable NAME | user enable NAME  impedir o permitir el inicio de sesión de un usuario
  demo [--today AAAA-MM-DD]             crear la empresa de demostración, su año termina hoy (se espera
                                        una base de datos vacía)
  seed --members N --orders M [--months K] [--seed S] [--last-period YYYY-MM] [--out FILE.json]
                                        escribir una empresa sintética como archivo de datos
  --as USER                             import, export, order, commissions, store y user actúan como ese usuario
                                        del programa, con los derechos de su rol (si no: un administrador)
  --version, --help
</translation>
    </message>
    <message>
        <source>the user %1 is disabled</source>
        <translation>el usuario %1 está desactivado</translation>
    </message>
    <message>
        <source>unknown option --%1 (mlmctl --help lists them)</source>
        <translation>opción desconocida --%1 (mlmctl --help las enumera)</translation>
    </message>
</context>
</TS>

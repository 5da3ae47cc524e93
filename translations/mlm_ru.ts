<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru">
<context>
    <name>ApiKeys</name>
    <message>
        <source>a key&apos;s label has at most 200 characters</source>
        <translation>метка ключа — не более 200 символов</translation>
    </message>
    <message>
        <source>no API key &apos;%1&apos;</source>
        <translation>нет API-ключа &apos;%1&apos;</translation>
    </message>
    <message>
        <source>API key %1 was revoked on %2</source>
        <translation>API-ключ %1 отозван %2</translation>
    </message>
    <message>
        <source>the API key is not valid</source>
        <translation>API-ключ недействителен</translation>
    </message>
</context>
<context>
    <name>Catalog</name>
    <message>
        <source>no price tier &apos;%1&apos;</source>
        <translation>нет ценового уровня &apos;%1&apos;</translation>
    </message>
    <message>
        <source>tier code &apos;%1&apos; is not valid: use 2-32 characters of a-z, 0-9 and _</source>
        <translation>код уровня &apos;%1&apos; недопустим: 2-32 символа из a-z, 0-9 и _</translation>
    </message>
    <message>
        <source>a tier needs a name</source>
        <translation>у ценового уровня должно быть название</translation>
    </message>
    <message>
        <source>the tier &apos;%1&apos; exists already</source>
        <translation>ценовой уровень &apos;%1&apos; уже существует</translation>
    </message>
    <message>
        <source>unknown sku &apos;%1&apos;</source>
        <translation>неизвестный артикул &apos;%1&apos;</translation>
    </message>
    <message>
        <source>sku &apos;%1&apos; is not valid: 1-64 characters without spaces</source>
        <translation>артикул &apos;%1&apos; недопустим: 1-64 символа без пробелов</translation>
    </message>
    <message>
        <source>product %1 needs a name</source>
        <translation>у товара %1 должно быть название</translation>
    </message>
    <message>
        <source>product %1: pv and bv must be 0 or more</source>
        <translation>товар %1: PV и BV должны быть не меньше 0</translation>
    </message>
    <message>
        <source>product %1 needs a retail price</source>
        <translation>у товара %1 должна быть розничная цена</translation>
    </message>
    <message>
        <source>product %1: the %2 price must be 0 or more</source>
        <translation>товар %1: цена уровня %2 должна быть не меньше 0</translation>
    </message>
    <message>
        <source>the sku &apos;%1&apos; exists already</source>
        <translation>артикул &apos;%1&apos; уже существует</translation>
    </message>
    <message>
        <source>a price must be 0 or more</source>
        <translation>цена должна быть не меньше 0</translation>
    </message>
    <message>
        <source>no product with sku &apos;%1&apos;</source>
        <translation>нет товара с артикулом &apos;%1&apos;</translation>
    </message>
    <message>
        <source>%1: no price tier &apos;%2&apos;</source>
        <translation>%1: нет ценового уровня &apos;%2&apos;</translation>
    </message>
    <message>
        <source>%1: the retail price cannot be removed</source>
        <translation>%1: розничную цену удалить нельзя</translation>
    </message>
    <message>
        <source>%1: the %2 price must be 0 or more</source>
        <translation>%1: цена уровня %2 должна быть не меньше 0</translation>
    </message>
    <message>
        <source>no price was changed: %1</source>
        <translation>ни одна цена не изменена: %1</translation>
    </message>
</context>
<context>
    <name>CommissionRuns</name>
    <message>
        <source>the period %1 is closed: its run can no longer change</source>
        <translation>период %1 закрыт: его расчёт больше не может измениться</translation>
    </message>
    <message>
        <source>the period %1 was closed by someone else</source>
        <translation>период %1 закрыл кто-то другой</translation>
    </message>
    <message>
        <source>the period %1 is not closed</source>
        <translation>период %1 не закрыт</translation>
    </message>
    <message>
        <source>no member with code &apos;%1&apos;</source>
        <translation>нет участника с кодом &apos;%1&apos;</translation>
    </message>
    <message>
        <source>the run was cancelled</source>
        <translation>расчёт отменён</translation>
    </message>
    <message>
        <source>Reading the network</source>
        <translation>Чтение сети</translation>
    </message>
    <message>
        <source>Reading the period&apos;s orders</source>
        <translation>Чтение заказов периода</translation>
    </message>
    <message>
        <source>Reading refunds to claw back</source>
        <translation>Чтение возвратов для удержания</translation>
    </message>
    <message>
        <source>Computing</source>
        <translation>Расчёт</translation>
    </message>
    <message>
        <source>Computed</source>
        <translation>Рассчитано</translation>
    </message>
    <message>
        <source>a statement&apos;s first line must be 0 or more, not %1</source>
        <translation>первая строка выписки должна быть не меньше 0, а не %1</translation>
    </message>
</context>
<context>
    <name>CompensationPlan</name>
    <message>
        <source>plan.levels_bp must be an array of at most %1 rates</source>
        <translation>plan.levels_bp должен быть массивом не более чем из %1 ставок</translation>
    </message>
    <message>
        <source>plan.levels_bp[%1] must be a whole number of basis points from 0 to 10000</source>
        <translation>plan.levels_bp[%1] должен быть целым числом базисных пунктов от 0 до 10000</translation>
    </message>
    <message>
        <source>plan.qualification_pv must be a whole number of hundredths of a point, 0 or more</source>
        <translation>plan.qualification_pv должен быть целым числом сотых долей балла, не меньше 0</translation>
    </message>
    <message>
        <source>plan.%1 must be true or false</source>
        <translation>plan.%1 должен быть true или false</translation>
    </message>
    <message>
        <source>the stored plan levels &apos;%1&apos; are not valid</source>
        <translation>сохранённые уровни плана &apos;%1&apos; недопустимы</translation>
    </message>
</context>
<context>
    <name>Contact</name>
    <message>
        <source>a name is required (at most %1 characters)</source>
        <translation>имя обязательно (не более %1 символов)</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not an email address</source>
        <translation>&apos;%1&apos; — не адрес электронной почты</translation>
    </message>
    <message>
        <source>a phone number has at most %1 characters</source>
        <translation>номер телефона — не более %1 символов</translation>
    </message>
    <message>
        <source>a country has at most %1 characters</source>
        <translation>страна — не более %1 символов</translation>
    </message>
</context>
<context>
    <name>Database</name>
    <message>
        <source>the Qt SQL driver %1 is not installed</source>
        <translation>драйвер Qt SQL %1 не установлен</translation>
    </message>
    <message>
        <source>cannot open %1: the folder %2 does not exist</source>
        <translation>не удаётся открыть %1: папки %2 не существует</translation>
    </message>
    <message>
        <source>cannot open %1: %2</source>
        <translation>не удаётся открыть %1: %2</translation>
    </message>
    <message>
        <source>cannot set up %1: %2</source>
        <translation>не удаётся настроить %1: %2</translation>
    </message>
    <message>
        <source>database error: %1</source>
        <translation>ошибка базы данных: %1</translation>
    </message>
    <message>
        <source>cannot begin a transaction: %1</source>
        <translation>не удаётся начать транзакцию: %1</translation>
    </message>
    <message>
        <source>the transaction was rolled back by an inner failure</source>
        <translation>транзакция отменена из-за внутренней ошибки</translation>
    </message>
    <message>
        <source>cannot commit: %1</source>
        <translation>не удаётся зафиксировать: %1</translation>
    </message>
    <message>
        <source>a text value %1</source>
        <translation>текстовое значение %1</translation>
    </message>
    <message>
        <source>the database %1 cannot be reached: %2; trying again</source>
        <translation>база данных %1 недоступна: %2; будет новая попытка</translation>
    </message>
    <message>
        <source>the connection was lost in a transaction</source>
        <translation>соединение потеряно во время транзакции</translation>
    </message>
    <message>
        <source>the connection was lost while a result was read</source>
        <translation>соединение потеряно во время чтения результата</translation>
    </message>
    <message>
        <source>the last attempt failed</source>
        <translation>последняя попытка не удалась</translation>
    </message>
    <message>
        <source>the connection to the database was lost: %1</source>
        <translation>соединение с базой данных потеряно: %1</translation>
    </message>
    <message>
        <source>the database is busy with another writer; try again</source>
        <translation>база данных занята другой записью; попробуйте ещё раз</translation>
    </message>
</context>
<context>
    <name>DatabaseUrl</name>
    <message>
        <source>SQLite URL &apos;%1&apos; must be sqlite:///absolute/path or sqlite:relative/path</source>
        <translation>URL SQLite &apos;%1&apos; должен иметь вид sqlite:///абсолютный/путь или sqlite:относительный/путь</translation>
    </message>
    <message>
        <source>SQLite URL &apos;%1&apos; names no file</source>
        <translation>URL SQLite &apos;%1&apos; не указывает файл</translation>
    </message>
    <message>
        <source>PostgreSQL URL &apos;%1&apos; is not valid</source>
        <translation>URL PostgreSQL &apos;%1&apos; недопустим</translation>
    </message>
    <message>
        <source>PostgreSQL URL &apos;%1&apos; must name one database: postgresql://user:pass@host:port/db</source>
        <translation>URL PostgreSQL &apos;%1&apos; должен указывать одну базу данных: postgresql://user:pass@host:port/db</translation>
    </message>
    <message>
        <source>unsupported database URL &apos;%1&apos;: use sqlite:///path.db, sqlite:path.db or postgresql://user:pass@host:port/db</source>
        <translation>неподдерживаемый URL базы данных &apos;%1&apos;: используйте sqlite:///путь.db, sqlite:путь.db или postgresql://user:pass@host:port/db</translation>
    </message>
    <message>
        <source>warning: the password in --db can be read by every user of this machine in the process list; give the URL in $MLM_DB or a configuration file, or leave the password out and keep it in ~/.pgpass (PGPASSFILE)</source>
        <translation>предупреждение: пароль в --db виден каждому пользователю этой машины в списке процессов; укажите URL в $MLM_DB или в файле конфигурации либо уберите пароль и храните его в ~/.pgpass (PGPASSFILE)</translation>
    </message>
</context>
<context>
    <name>DatasetExporter</name>
    <message>
        <source>cannot write %1: %2</source>
        <translation>не удаётся записать %1: %2</translation>
    </message>
    <message>
        <source>the export was cancelled; no file was written</source>
        <translation>экспорт отменён; файл не записан</translation>
    </message>
</context>
<context>
    <name>DatasetImporter</name>
    <message>
        <source>a dataset file is one JSON object</source>
        <translation>файл данных — это один объект JSON</translation>
    </message>
    <message>
        <source>%1: must be an array</source>
        <translation>%1: должен быть массивом</translation>
    </message>
    <message>
        <source>expected &apos;,&apos; or &apos;}&apos;</source>
        <translation>ожидалось &apos;,&apos; или &apos;}&apos;</translation>
    </message>
    <message>
        <source>unexpected content after the dataset</source>
        <translation>лишнее содержимое после данных</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>не удаётся прочитать %1: %2</translation>
    </message>
    <message>
        <source>%1 is empty</source>
        <translation>%1 пуст</translation>
    </message>
    <message>
        <source>the import was cancelled; nothing was changed</source>
        <translation>импорт отменён; ничего не изменено</translation>
    </message>
    <message>
        <source>currency: the database holds orders in %1, not %2</source>
        <translation>currency: в базе данных есть заказы в %1, а не в %2</translation>
    </message>
</context>
<context>
    <name>DatasetReader</name>
    <message>
        <source>&apos;external_id&apos; is required: a string of 1-128 characters</source>
        <translation>&apos;external_id&apos; обязателен: строка длиной 1-128 символов</translation>
    </message>
    <message>
        <source>store &apos;%1&apos; does not exist</source>
        <translation>магазина &apos;%1&apos; не существует</translation>
    </message>
    <message>
        <source>duplicate external_id &apos;%1&apos; in %2</source>
        <translation>повторяющийся external_id &apos;%1&apos; в %2</translation>
    </message>
    <message>
        <source>store &apos;%1&apos;</source>
        <translation>магазин &apos;%1&apos;</translation>
    </message>
    <message>
        <source>the back office</source>
        <translation>бэк-офис</translation>
    </message>
    <message>
        <source>give exactly one of &apos;member&apos; and &apos;customer&apos;</source>
        <translation>укажите ровно одно из &apos;member&apos; и &apos;customer&apos;</translation>
    </message>
    <message>
        <source>member &apos;%1&apos; does not exist</source>
        <translation>участника &apos;%1&apos; не существует</translation>
    </message>
    <message>
        <source>a back-office order is bought by a member, not a customer</source>
        <translation>заказ бэк-офиса покупает участник, а не клиент</translation>
    </message>
    <message>
        <source>customer &apos;%1&apos; does not exist in store &apos;%2&apos;</source>
        <translation>клиента &apos;%1&apos; нет в магазине &apos;%2&apos;</translation>
    </message>
    <message>
        <source>bad status &apos;%1&apos;: use pending, paid, cancelled or refunded</source>
        <translation>неверный статус &apos;%1&apos;: используйте pending, paid, cancelled или refunded</translation>
    </message>
    <message>
        <source>a %1 order needs &apos;paid_at&apos;</source>
        <translation>заказу со статусом %1 нужен &apos;paid_at&apos;</translation>
    </message>
    <message>
        <source>a %1 order has no &apos;paid_at&apos;</source>
        <translation>у заказа со статусом %1 не бывает &apos;paid_at&apos;</translation>
    </message>
    <message>
        <source>a refunded order needs &apos;refunded_at&apos;</source>
        <translation>возвращённому заказу нужен &apos;refunded_at&apos;</translation>
    </message>
    <message>
        <source>only a refunded order has &apos;refunded_at&apos;</source>
        <translation>&apos;refunded_at&apos; бывает только у возвращённого заказа</translation>
    </message>
    <message>
        <source>&apos;refunded_at&apos; is before &apos;paid_at&apos;</source>
        <translation>&apos;refunded_at&apos; раньше, чем &apos;paid_at&apos;</translation>
    </message>
    <message>
        <source>only a cancelled order has &apos;cancelled_at&apos;</source>
        <translation>&apos;cancelled_at&apos; бывает только у отменённого заказа</translation>
    </message>
    <message>
        <source>unknown tier &apos;%1&apos;</source>
        <translation>неизвестный уровень &apos;%1&apos;</translation>
    </message>
    <message>
        <source>&apos;lines&apos; must be an array of 1-%1 lines</source>
        <translation>&apos;lines&apos; должен быть массивом из 1-%1 позиций</translation>
    </message>
    <message>
        <source>unknown sku &apos;%1&apos;</source>
        <translation>неизвестный артикул &apos;%1&apos;</translation>
    </message>
    <message>
        <source>credited member &apos;%1&apos; does not exist</source>
        <translation>участника &apos;%1&apos;, которому засчитан заказ, не существует</translation>
    </message>
    <message>
        <source>format: expected &quot;mlm-dataset/1&quot;, found %1</source>
        <translation>format: ожидалось &quot;mlm-dataset/1&quot;, найдено %1</translation>
    </message>
    <message>
        <source>nothing</source>
        <translation>ничего</translation>
    </message>
    <message>
        <source>currency: &apos;%1&apos; is not a three-letter ISO 4217 code</source>
        <translation>currency: &apos;%1&apos; — не трёхбуквенный код ISO 4217</translation>
    </message>
    <message>
        <source>plan: must be an object</source>
        <translation>plan: должен быть объектом</translation>
    </message>
    <message>
        <source>tier code &apos;%1&apos; is not valid: use 2-32 characters of a-z, 0-9 and _</source>
        <translation>код уровня &apos;%1&apos; недопустим: 2-32 символа из a-z, 0-9 и _</translation>
    </message>
    <message>
        <source>the tier &apos;%1&apos; appears twice</source>
        <translation>уровень &apos;%1&apos; встречается дважды</translation>
    </message>
    <message>
        <source>&apos;prices&apos; must be an object of tier -&gt; price</source>
        <translation>&apos;prices&apos; должен быть объектом вида уровень -&gt; цена</translation>
    </message>
    <message>
        <source>prices: unknown tier &apos;%1&apos;</source>
        <translation>prices: неизвестный уровень &apos;%1&apos;</translation>
    </message>
    <message>
        <source>duplicate sku &apos;%1&apos;</source>
        <translation>повторяющийся артикул &apos;%1&apos;</translation>
    </message>
    <message>
        <source>member code &apos;%1&apos; is not valid: use 2-32 characters of A-Z, a-z, 0-9, - and _</source>
        <translation>код участника &apos;%1&apos; недопустим: 2-32 символа из A-Z, a-z, 0-9, - и _</translation>
    </message>
    <message>
        <source>bad status &apos;%1&apos;: use customer, distributor, suspended or terminated</source>
        <translation>неверный статус &apos;%1&apos;: используйте customer, distributor, suspended или terminated</translation>
    </message>
    <message>
        <source>duplicate member code &apos;%1&apos;</source>
        <translation>повторяющийся код участника &apos;%1&apos;</translation>
    </message>
    <message>
        <source>duplicate email &apos;%1&apos;</source>
        <translation>повторяющийся адрес почты &apos;%1&apos;</translation>
    </message>
    <message>
        <source>members[%1] (code &apos;%2&apos;): sponsor &apos;%3&apos; does not exist</source>
        <translation>members[%1] (код &apos;%2&apos;): спонсора &apos;%3&apos; не существует</translation>
    </message>
    <message>
        <source>members[%1] (code &apos;%2&apos;): a member cannot sponsor itself</source>
        <translation>members[%1] (код &apos;%2&apos;): участник не может быть собственным спонсором</translation>
    </message>
    <message>
        <source>members[%1] (code &apos;%2&apos;): sponsor cycle through &apos;%2&apos;</source>
        <translation>members[%1] (код &apos;%2&apos;): цикл спонсорства через &apos;%2&apos;</translation>
    </message>
    <message>
        <source>bad scenario &apos;%1&apos;: use separate_channel, distributor_channel or personal_storefront</source>
        <translation>неверный сценарий &apos;%1&apos;: используйте separate_channel, distributor_channel или personal_storefront</translation>
    </message>
    <message>
        <source>default sponsor &apos;%1&apos; does not exist</source>
        <translation>спонсора по умолчанию &apos;%1&apos; не существует</translation>
    </message>
    <message>
        <source>unknown pinned tier &apos;%1&apos;</source>
        <translation>неизвестный закреплённый уровень &apos;%1&apos;</translation>
    </message>
    <message>
        <source>duplicate store code &apos;%1&apos;</source>
        <translation>повторяющийся код магазина &apos;%1&apos;</translation>
    </message>
    <message>
        <source>link code &apos;%1&apos; is not valid: use 4-32 characters of A-Z, a-z, 0-9 and -</source>
        <translation>код ссылки &apos;%1&apos; недопустим: 4-32 символа из A-Z, a-z, 0-9 и -</translation>
    </message>
    <message>
        <source>duplicate link code &apos;%1&apos;</source>
        <translation>повторяющийся код ссылки &apos;%1&apos;</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not an email address</source>
        <translation>&apos;%1&apos; — не адрес электронной почты</translation>
    </message>
    <message>
        <source>link &apos;%1&apos; does not exist</source>
        <translation>ссылки &apos;%1&apos; не существует</translation>
    </message>
    <message>
        <source>owner &apos;%1&apos; does not exist</source>
        <translation>владельца &apos;%1&apos; не существует</translation>
    </message>
    <message>
        <source>duplicate customer &apos;%1&apos; in store &apos;%2&apos;</source>
        <translation>повторяющийся клиент &apos;%1&apos; в магазине &apos;%2&apos;</translation>
    </message>
</context>
<context>
    <name>DemoCompany</name>
    <message>
        <source>cannot create the demo (is the database empty?)</source>
        <translation>не удаётся создать демонстрацию (база данных пуста?)</translation>
    </message>
    <message>
        <source>the demo needs a valid day</source>
        <translation>для демонстрации нужна правильная дата</translation>
    </message>
</context>
<context>
    <name>DownlineCharts</name>
    <message>
        <source>Month</source>
        <translation>Месяц</translation>
    </message>
    <message>
        <source>Month (%1 to %2)</source>
        <translation>Месяц (%1 – %2)</translation>
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
        <translation>Объём компании по месяцам</translation>
    </message>
    <message>
        <source>Volume per month</source>
        <translation>Объём по месяцам</translation>
    </message>
    <message>
        <source>All members&apos; volume</source>
        <translation>Объём всех участников</translation>
    </message>
    <message>
        <source>Group volume (whole downline)</source>
        <translation>Групповой объём (вся структура)</translation>
    </message>
    <message>
        <source>Personal volume</source>
        <translation>Личный объём</translation>
    </message>
    <message>
        <source>Volume (PV points)</source>
        <translation>Объём (баллы PV)</translation>
    </message>
    <message>
        <source>New and active members per month</source>
        <translation>Новые и активные участники по месяцам</translation>
    </message>
    <message>
        <source>New members</source>
        <translation>Новые участники</translation>
    </message>
    <message>
        <source>Active (qualified) members</source>
        <translation>Активные (квалифицированные) участники</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>Участники</translation>
    </message>
    <message>
        <source>Members per level of the tree</source>
        <translation>Участники по уровням дерева</translation>
    </message>
    <message>
        <source>Members per level below</source>
        <translation>Участники по уровням ниже</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>Уровень</translation>
    </message>
    <message>
        <source>Top frontline legs by group volume, %1</source>
        <translation>Сильнейшие ветки первой линии по групповому объёму, %1</translation>
    </message>
    <message>
        <source>Group volume</source>
        <translation>Групповой объём</translation>
    </message>
    <message>
        <source>Leg (first-line member)</source>
        <translation>Ветка (участник первой линии)</translation>
    </message>
    <message>
        <source>Group volume (PV points)</source>
        <translation>Групповой объём (баллы PV)</translation>
    </message>
    <message>
        <source>Members by status</source>
        <translation>Участники по статусу</translation>
    </message>
    <message>
        <source>Downline by status</source>
        <translation>Структура по статусу</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>%1: %2 of %3 members</source>
        <translation>%1: %2 из %3 участников</translation>
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
        <translation>нет участника с id %1</translation>
    </message>
    <message>
        <source>the dashboard was cancelled</source>
        <translation>расчёт панели отменён</translation>
    </message>
    <message>
        <source>Reading the network</source>
        <translation>Чтение сети</translation>
    </message>
    <message>
        <source>Reading %1</source>
        <translation>Чтение %1</translation>
    </message>
    <message>
        <source>Counting statuses</source>
        <translation>Подсчёт статусов</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Готово</translation>
    </message>
</context>
<context>
    <name>Files</name>
    <message>
        <source>cannot write %1: %2</source>
        <translation>не удаётся записать %1: %2</translation>
    </message>
</context>
<context>
    <name>JsonFields</name>
    <message>
        <source>%1: must be an object</source>
        <translation>%1: должен быть объектом</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is required</source>
        <translation>&apos;%1&apos; обязателен</translation>
    </message>
    <message>
        <source>&apos;%1&apos; must be a string</source>
        <translation>&apos;%1&apos; должен быть строкой</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is longer than %2 characters</source>
        <translation>&apos;%1&apos; длиннее %2 символов</translation>
    </message>
    <message>
        <source>&apos;%1&apos; must be a whole number from %2 to %3</source>
        <translation>&apos;%1&apos; должен быть целым числом от %2 до %3</translation>
    </message>
    <message>
        <source>&apos;%1&apos; must be true or false</source>
        <translation>&apos;%1&apos; должен быть true или false</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not an ISO 8601 date-time such as 2026-10-05T12:00:00Z: &apos;%2&apos;</source>
        <translation>&apos;%1&apos; — не дата и время ISO 8601 вида 2026-10-05T12:00:00Z: &apos;%2&apos;</translation>
    </message>
</context>
<context>
    <name>JsonIn</name>
    <message>
        <source>is required</source>
        <translation>обязательно</translation>
    </message>
    <message>
        <source>the query parameter &apos;%1&apos; %2</source>
        <translation>параметр запроса &apos;%1&apos; %2</translation>
    </message>
    <message>
        <source>must be a string</source>
        <translation>должно быть строкой</translation>
    </message>
    <message>
        <source>is longer than %1 characters</source>
        <translation>длиннее %1 символов</translation>
    </message>
    <message>
        <source>must be a whole number</source>
        <translation>должно быть целым числом</translation>
    </message>
    <message>
        <source>must be true or false</source>
        <translation>должно быть true или false</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not an ISO 8601 date-time such as 2026-10-05T12:00:00Z</source>
        <translation>&apos;%1&apos; — не дата и время ISO 8601 вида 2026-10-05T12:00:00Z</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a period YYYY-MM</source>
        <translation>&apos;%1&apos; — не период ГГГГ-ММ</translation>
    </message>
    <message>
        <source>must be an object</source>
        <translation>должно быть объектом</translation>
    </message>
    <message>
        <source>must be an array</source>
        <translation>должно быть массивом</translation>
    </message>
    <message>
        <source>must hold whole numbers only</source>
        <translation>может содержать только целые числа</translation>
    </message>
    <message>
        <source>must hold rates in basis points</source>
        <translation>должно содержать ставки в базисных пунктах</translation>
    </message>
    <message>
        <source>must be a whole number from %1 to %2</source>
        <translation>должно быть целым числом от %1 до %2</translation>
    </message>
    <message>
        <source>must be a member status</source>
        <translation>должно быть статусом участника</translation>
    </message>
    <message>
        <source>must be code, name, joined or status</source>
        <translation>должно быть code, name, joined или status</translation>
    </message>
    <message>
        <source>must be an order status</source>
        <translation>должно быть статусом заказа</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not one of the allowed values</source>
        <translation>&apos;%1&apos; не входит в допустимые значения</translation>
    </message>
    <message>
        <source>the body is not a JSON object: %1</source>
        <translation>тело запроса не является объектом JSON: %1</translation>
    </message>
    <message>
        <source>more after the JSON value</source>
        <translation>после значения JSON есть лишние данные</translation>
    </message>
    <message>
        <source>the JSON value is not an object</source>
        <translation>значение JSON не является объектом</translation>
    </message>
    <message>
        <source>must hold strings only</source>
        <translation>должен содержать только строки</translation>
    </message>
    <message>
        <source>&apos;%1&apos; must be a whole number</source>
        <translation>&apos;%1&apos; должно быть целым числом</translation>
    </message>
</context>
<context>
    <name>JsonReader</name>
    <message>
        <source>malformed JSON at line %1, offset %2: %3</source>
        <translation>некорректный JSON в строке %1, позиция %2: %3</translation>
    </message>
    <message>
        <source>unexpected end of the file, expected &apos;%1&apos;</source>
        <translation>неожиданный конец файла, ожидалось &apos;%1&apos;</translation>
    </message>
    <message>
        <source>expected &apos;%1&apos;</source>
        <translation>ожидалось &apos;%1&apos;</translation>
    </message>
    <message>
        <source>unterminated string</source>
        <translation>незакрытая строка</translation>
    </message>
    <message>
        <source>control character in a string</source>
        <translation>управляющий символ в строке</translation>
    </message>
    <message>
        <source>bad \u escape</source>
        <translation>неверная последовательность \u</translation>
    </message>
    <message>
        <source>bad escape</source>
        <translation>неверная escape-последовательность</translation>
    </message>
    <message>
        <source>a string is not valid UTF-8</source>
        <translation>строка не в кодировке UTF-8</translation>
    </message>
    <message>
        <source>bad number</source>
        <translation>неверное число</translation>
    </message>
    <message>
        <source>unexpected end of the file</source>
        <translation>неожиданный конец файла</translation>
    </message>
    <message>
        <source>nested deeper than %1 levels</source>
        <translation>вложенность глубже %1 уровней</translation>
    </message>
    <message>
        <source>expected a key</source>
        <translation>ожидался ключ</translation>
    </message>
    <message>
        <source>expected &apos;,&apos; or &apos;%1&apos;</source>
        <translation>ожидалось &apos;,&apos; или &apos;%1&apos;</translation>
    </message>
    <message>
        <source>unexpected character</source>
        <translation>неожиданный символ</translation>
    </message>
    <message>
        <source>the file is larger than 4 GB</source>
        <translation>файл больше 4 ГБ</translation>
    </message>
    <message>
        <source>unbalanced &apos;%1&apos;</source>
        <translation>непарный &apos;%1&apos;</translation>
    </message>
    <message>
        <source>unexpected end of the file: &apos;%1&apos; is never closed</source>
        <translation>неожиданный конец файла: &apos;%1&apos; не закрыт</translation>
    </message>
    <message>
        <source>expected &apos;,&apos; or &apos;]&apos;</source>
        <translation>ожидалось &apos;,&apos; или &apos;]&apos;</translation>
    </message>
    <message>
        <source>\u0000 (NUL) in a string</source>
        <translation>\u0000 (NUL) в строке</translation>
    </message>
    <message>
        <source>a lone surrogate \u%1 in a string is not valid Unicode</source>
        <translation>одиночный суррогат \u%1 в строке — недопустимый Unicode</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>Customer</source>
        <translation>Клиент</translation>
    </message>
    <message>
        <source>Distributor</source>
        <translation>Дистрибьютор</translation>
    </message>
    <message>
        <source>Suspended</source>
        <translation>Приостановлен</translation>
    </message>
    <message>
        <source>Terminated</source>
        <translation>Исключён</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>Администратор</translation>
    </message>
    <message>
        <source>Support</source>
        <translation>Поддержка</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>Ожидает оплаты</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>Оплачен</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Отменён</translation>
    </message>
    <message>
        <source>Refunded</source>
        <translation>Возвращён</translation>
    </message>
    <message>
        <source>Separate channel</source>
        <translation>Отдельный канал</translation>
    </message>
    <message>
        <source>Distributor channel</source>
        <translation>Канал дистрибьюторов</translation>
    </message>
    <message>
        <source>Personal storefront</source>
        <translation>Личный магазин</translation>
    </message>
    <message>
        <source>Buyers are ordinary retail customers of the store: they belong to no one and pay retail prices. Their orders are credited to nobody and pay no commissions. A distributor&apos;s referral link only leads to the registration of a new member under that distributor.</source>
        <translation>Покупатели — обычные розничные клиенты магазина: они никому не принадлежат и платят розничные цены. Их заказы никому не засчитываются и не приносят комиссий. Реферальная ссылка дистрибьютора ведёт только к регистрации нового участника под этим дистрибьютором.</translation>
    </message>
    <message>
        <source>Every buyer registers through the back office and becomes a member in status customer, in the first line of the member whose link they came with (or under the store&apos;s default sponsor). Buyers see the prices of their own tier; their orders are credited to them, and their upline earns commissions by the plan.</source>
        <translation>Каждый покупатель регистрируется через бэк-офис и становится участником в статусе клиента — в первой линии участника, по чьей ссылке пришёл (или под спонсором магазина по умолчанию). Покупатели видят цены своего уровня; их заказы засчитываются им самим, а вышестоящие получают комиссии по плану.</translation>
    </message>
    <message>
        <source>Each distributor&apos;s link is their own store. Buyers register in the store only, as retail customers owned by the link&apos;s owner, and are never placed in the network. They pay retail prices; their orders are credited to the owner, who earns the retail profit, and count as the owner&apos;s personal volume for the upline&apos;s commissions.</source>
        <translation>Ссылка каждого дистрибьютора — его собственный магазин. Покупатели регистрируются только в магазине, как розничные клиенты владельца ссылки, и никогда не попадают в сеть. Они платят розничные цены; их заказы засчитываются владельцу, который получает розничную прибыль, и идут в его личный объём для комиссий вышестоящих.</translation>
    </message>
    <message>
        <source>Retail</source>
        <translation>Розница</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>да</translation>
    </message>
    <message>
        <source>no</source>
        <translation>нет</translation>
    </message>
</context>
<context>
    <name>Members</name>
    <message>
        <source>no member with code &apos;%1&apos;</source>
        <translation>нет участника с кодом &apos;%1&apos;</translation>
    </message>
    <message>
        <source>no member with id %1</source>
        <translation>нет участника с id %1</translation>
    </message>
    <message>
        <source>the email %1 is already used by member %2</source>
        <translation>адрес %1 уже занят участником %2</translation>
    </message>
    <message>
        <source>member code &apos;%1&apos; is not valid: use 2-32 characters of A-Z, a-z, 0-9, - and _</source>
        <translation>код участника &apos;%1&apos; недопустим: 2-32 символа из A-Z, a-z, 0-9, - и _</translation>
    </message>
    <message>
        <source>a new member starts as customer or distributor, not %1</source>
        <translation>новый участник начинает как клиент или дистрибьютор, а не как %1</translation>
    </message>
    <message>
        <source>the member code &apos;%1&apos; is taken</source>
        <translation>код участника &apos;%1&apos; занят</translation>
    </message>
    <message>
        <source>the sponsor &apos;%1&apos; does not exist</source>
        <translation>спонсора &apos;%1&apos; не существует</translation>
    </message>
    <message>
        <source>the sponsor &apos;%1&apos; is terminated and cannot sponsor</source>
        <translation>спонсор &apos;%1&apos; исключён и не может спонсировать</translation>
    </message>
    <message>
        <source>a reason is required to change a status</source>
        <translation>для смены статуса нужна причина</translation>
    </message>
    <message>
        <source>member %1 cannot change from %2 to %3</source>
        <translation>участник %1 не может перейти из %2 в %3</translation>
    </message>
    <message>
        <source>the new sponsor &apos;%1&apos; does not exist</source>
        <translation>нового спонсора &apos;%1&apos; не существует</translation>
    </message>
    <message>
        <source>the new sponsor &apos;%1&apos; is terminated and cannot sponsor</source>
        <translation>новый спонсор &apos;%1&apos; исключён и не может спонсировать</translation>
    </message>
    <message>
        <source>member %1 cannot be its own sponsor</source>
        <translation>участник %1 не может быть собственным спонсором</translation>
    </message>
    <message>
        <source>cannot move %1 under %2: %2 is in the downline of %1 (a cycle)</source>
        <translation>нельзя переместить %1 под %2: %2 находится в структуре %1 (цикл)</translation>
    </message>
</context>
<context>
    <name>Migrations</name>
    <message>
        <source>migration %1 is missing</source>
        <translation>нет миграции %1</translation>
    </message>
    <message>
        <source>the database has schema version %1, newer than this program&apos;s %2: upgrade the program</source>
        <translation>у базы данных версия схемы %1, новее, чем %2 у этой программы: обновите программу</translation>
    </message>
    <message>
        <source>migration %1 (%2)</source>
        <translation>миграция %1 (%2)</translation>
    </message>
    <message>
        <source>the upgrade was cancelled after %1 of %2 steps: the database is whole, at schema version %3</source>
        <translation>обновление отменено после %1 из %2 шагов: база данных цела, версия схемы %3</translation>
    </message>
</context>
<context>
    <name>OfficeApi</name>
    <message>
        <source>%1 is not allowed here; use %2</source>
        <translation>%1 здесь не разрешён; используйте %2</translation>
    </message>
    <message>
        <source>sign in first: send Authorization: Bearer TOKEN</source>
        <translation>сначала войдите: отправьте Authorization: Bearer TOKEN</translation>
    </message>
    <message>
        <source>this is not a user&apos;s session token (a store&apos;s API key is not one): sign in</source>
        <translation>это не токен сеанса пользователя (ключ API магазина им не является): войдите</translation>
    </message>
    <message>
        <source>no such endpoint</source>
        <translation>такой точки доступа нет</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a period YYYY-MM</source>
        <translation>&apos;%1&apos; — не период ГГГГ-ММ</translation>
    </message>
    <message>
        <source>no such endpoint under %1/office</source>
        <translation>такой точки доступа в %1/office нет</translation>
    </message>
    <message>
        <source>no order %1</source>
        <translation>заказа %1 нет</translation>
    </message>
    <message>
        <source>must be preview, close, plan_preview or dashboard</source>
        <translation>должно быть preview, close, plan_preview или dashboard</translation>
    </message>
</context>
<context>
    <name>OfficeJobs</name>
    <message>
        <source>the server is stopping</source>
        <translation>сервер останавливается</translation>
    </message>
    <message>
        <source>%1 runs %2 long operations already; wait for one to end or cancel it</source>
        <translation>у %1 уже выполняются %2 долгие операции; дождитесь окончания одной или отмените её</translation>
    </message>
    <message>
        <source>the server runs %1 long operations already; try again soon</source>
        <translation>на сервере уже выполняются %1 долгих операций; повторите попытку чуть позже</translation>
    </message>
    <message>
        <source>no job %1 of yours</source>
        <translation>нет вашей задачи %1</translation>
    </message>
</context>
<context>
    <name>Orders</name>
    <message>
        <source>no such order</source>
        <translation>такого заказа нет</translation>
    </message>
    <message>
        <source>no order &apos;%1&apos; in %2</source>
        <translation>нет заказа &apos;%1&apos; в %2</translation>
    </message>
    <message>
        <source>the back office</source>
        <translation>бэк-офис</translation>
    </message>
    <message>
        <source>store %1</source>
        <translation>магазин %1</translation>
    </message>
    <message>
        <source>an order needs an external id of 1-%1 characters</source>
        <translation>заказу нужен внешний id длиной 1-%1 символов</translation>
    </message>
    <message>
        <source>an order needs exactly one buyer: a member or a customer</source>
        <translation>у заказа должен быть ровно один покупатель: участник или клиент</translation>
    </message>
    <message>
        <source>an order needs 1-%1 lines</source>
        <translation>в заказе должно быть 1-%1 позиций</translation>
    </message>
    <message>
        <source>a new order is pending or paid, not %1</source>
        <translation>новый заказ ожидает оплаты или оплачен, а не %1</translation>
    </message>
    <message>
        <source>order &apos;%1&apos; exists already with a different content</source>
        <translation>заказ &apos;%1&apos; уже существует с другим содержимым</translation>
    </message>
    <message>
        <source>a back-office order is bought by a member, not a customer</source>
        <translation>заказ бэк-офиса покупает участник, а не клиент</translation>
    </message>
    <message>
        <source>no customer %1 in store %2</source>
        <translation>нет клиента %1 в магазине %2</translation>
    </message>
    <message>
        <source>buyer %1</source>
        <translation>покупатель %1</translation>
    </message>
    <message>
        <source>line %1</source>
        <translation>позиция %1</translation>
    </message>
    <message>
        <source>line %1: product %2 is not for sale</source>
        <translation>позиция %1: товар %2 не продаётся</translation>
    </message>
    <message>
        <source>order &apos;%1&apos; is %2 and cannot become %3</source>
        <translation>заказ &apos;%1&apos; в статусе %2 и не может стать %3</translation>
    </message>
    <message>
        <source>order &apos;%1&apos; cannot be refunded at %2, before it was paid (%3)</source>
        <translation>заказ &apos;%1&apos; нельзя вернуть %2, раньше его оплаты (%3)</translation>
    </message>
    <message>
        <source>order &apos;%1&apos; was changed by someone else; try again</source>
        <translation>заказ &apos;%1&apos; изменил кто-то другой; попробуйте ещё раз</translation>
    </message>
    <message>
        <source>the new order&apos;s id was not returned</source>
        <translation>id нового заказа не получен</translation>
    </message>
    <message>
        <source>%1 %2 is out of range: from 2000-01-01 to a day from now</source>
        <translation>%1 %2 вне допустимого диапазона: с 2000-01-01 до суток от текущего момента</translation>
    </message>
    <message>
        <source>%1 %2 is in %3, a period whose commissions are closed: a payment there would never count; send the time it is entered</source>
        <translation>%1 %2 приходится на %3 — период с закрытыми комиссиями: оплата там никогда не будет учтена; передайте время её ввода</translation>
    </message>
</context>
<context>
    <name>Permissions</name>
    <message>
        <source>the user %1 is disabled</source>
        <translation>пользователь %1 отключён</translation>
    </message>
    <message>
        <source>a %1 user may not do this</source>
        <translation>пользователю с ролью %1 это не разрешено</translation>
    </message>
    <message>
        <source>%1 sees its own downline only; this member is not in it</source>
        <translation>%1 видит только свою структуру; этого участника в ней нет</translation>
    </message>
    <message>
        <source>%1 manages its own referral links only</source>
        <translation>%1 управляет только своими реферальными ссылками</translation>
    </message>
    <message>
        <source>a distributor sees its own statements only</source>
        <translation>дистрибьютор видит только свои выписки</translation>
    </message>
    <message>
        <source>a distributor sees the dashboard of its own downline only</source>
        <translation>дистрибьютор видит панель только своей структуры</translation>
    </message>
    <message>
        <source>%1 sees its own orders only</source>
        <translation>%1 видит только свои заказы</translation>
    </message>
</context>
<context>
    <name>PostgresBulkWriter</name>
    <message>
        <source>database error: %1</source>
        <translation>ошибка базы данных: %1</translation>
    </message>
</context>
<context>
    <name>PriceSheet</name>
    <message>
        <source>nothing was changed; correct these lines:
</source>
        <translation>ничего не изменено; исправьте эти строки:
</translation>
    </message>
    <message>
        <source>the file is empty: its first line must name the columns</source>
        <translation>файл пуст: первая строка должна называть столбцы</translation>
    </message>
    <message>
        <source>line 1: column %1 &apos;%2&apos; is neither sku, name nor a price tier</source>
        <translation>строка 1: столбец %1 &apos;%2&apos; — не sku, не name и не ценовой уровень</translation>
    </message>
    <message>
        <source>line 1: there is no sku column</source>
        <translation>строка 1: нет столбца sku</translation>
    </message>
    <message>
        <source>line %1</source>
        <translation>строка %1</translation>
    </message>
    <message>
        <source>%1: %2 fields where the header has %3</source>
        <translation>%1: полей %2, а в заголовке %3</translation>
    </message>
    <message>
        <source>%1: no product with sku &apos;%2&apos;</source>
        <translation>%1: нет товара с артикулом &apos;%2&apos;</translation>
    </message>
    <message>
        <source>%1: sku &apos;%2&apos; appears a second time</source>
        <translation>%1: артикул &apos;%2&apos; встречается второй раз</translation>
    </message>
    <message>
        <source>%1: the retail price of %2 is empty; every product needs one</source>
        <translation>%1: розничная цена %2 пуста; она нужна каждому товару</translation>
    </message>
    <message>
        <source>%1: the %2 price &apos;%3&apos; is not an amount like 12.50</source>
        <translation>%1: цена уровня %2 &apos;%3&apos; — не сумма вида 12.50</translation>
    </message>
    <message>
        <source>there is nothing to paste</source>
        <translation>нечего вставлять</translation>
    </message>
    <message>
        <source>too many lines: %1 pasted; products from here down: %2</source>
        <translation>слишком много строк: вставлено %1; товаров отсюда вниз: %2</translation>
    </message>
    <message>
        <source>line %1: too many cells: %2 pasted; tiers from here to the right: %3</source>
        <translation>строка %1: слишком много ячеек: вставлено %2; уровней отсюда вправо: %3</translation>
    </message>
    <message>
        <source>line %1: the retail price of %2 cannot be empty</source>
        <translation>строка %1: розничная цена %2 не может быть пустой</translation>
    </message>
    <message>
        <source>line %1: &apos;%2&apos; for %3 (%4) is not an amount</source>
        <translation>строка %1: &apos;%2&apos; для %3 (%4) — не сумма</translation>
    </message>
</context>
<context>
    <name>Pricing</name>
    <message>
        <source>a terminated member may not buy</source>
        <translation>исключённый участник не может покупать</translation>
    </message>
    <message>
        <source>quantity %1 of %2 is not allowed: order 1 to %3</source>
        <translation>количество %1 товара %2 недопустимо: заказывайте от 1 до %3</translation>
    </message>
    <message>
        <source>the unit price of %1 may not be negative</source>
        <translation>цена за единицу %1 не может быть отрицательной</translation>
    </message>
    <message>
        <source>product %1 has no price for tier %2</source>
        <translation>у товара %1 нет цены для уровня %2</translation>
    </message>
    <message>
        <source>the order&apos;s totals are too large</source>
        <translation>суммы заказа слишком велики</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <source>%1: %2 of %3</source>
        <translation>%1: %2 из %3</translation>
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
        <translation>&apos;%1&apos; — не адрес электронной почты; для регистрации он нужен</translation>
    </message>
    <message>
        <source>a new member starts as customer or distributor, not %1</source>
        <translation>новый участник начинает как клиент или дистрибьютор, а не как %1</translation>
    </message>
    <message>
        <source>store &apos;%1&apos; has no default sponsor, and the registration came without a valid referral code: nobody to place the new member under</source>
        <translation>у магазина &apos;%1&apos; нет спонсора по умолчанию, а регистрация пришла без действительного реферального кода: нового участника не под кого поставить</translation>
    </message>
</context>
<context>
    <name>RemoteOffice</name>
    <message>
        <source>the server&apos;s answer (HTTP %1) is not the office API&apos;s JSON: is this the company&apos;s mlm-server?</source>
        <translation>ответ сервера (HTTP %1) не является JSON офисного API: это точно mlm-server компании?</translation>
    </message>
    <message>
        <source>the server refused the request (HTTP %1)</source>
        <translation>сервер отклонил запрос (HTTP %1)</translation>
    </message>
    <message>
        <source>the server&apos;s answer to the sign-in</source>
        <translation>ответ сервера на вход</translation>
    </message>
    <message>
        <source>the price list is not UTF-8 text</source>
        <translation>прайс-лист не является текстом UTF-8</translation>
    </message>
    <message>
        <source>the server now knows %1 with another role: open the window again</source>
        <translation>сервер теперь знает %1 с другой ролью: откройте окно заново</translation>
    </message>
</context>
<context>
    <name>RequestFields</name>
    <message>
        <source>the body is not valid UTF-8</source>
        <translation>тело запроса не в кодировке UTF-8</translation>
    </message>
    <message>
        <source>the body is not valid JSON: %1 at byte %2</source>
        <translation>тело запроса — не корректный JSON: %1 в байте %2</translation>
    </message>
    <message>
        <source>the body must be a JSON object</source>
        <translation>тело запроса должно быть объектом JSON</translation>
    </message>
    <message>
        <source>is required</source>
        <translation>обязательно</translation>
    </message>
    <message>
        <source>must be a string</source>
        <translation>должно быть строкой</translation>
    </message>
    <message>
        <source>must not be empty</source>
        <translation>не должно быть пустым</translation>
    </message>
    <message>
        <source>is longer than %1 characters</source>
        <translation>длиннее %1 символов</translation>
    </message>
    <message>
        <source>must not contain control characters</source>
        <translation>не должно содержать управляющих символов</translation>
    </message>
    <message>
        <source>must be a whole number from %1 to %2</source>
        <translation>должно быть целым числом от %1 до %2</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not an ISO 8601 date-time such as 2026-10-05T12:00:00Z</source>
        <translation>&apos;%1&apos; — не дата и время ISO 8601 вида 2026-10-05T12:00:00Z</translation>
    </message>
    <message>
        <source>must be an object</source>
        <translation>должно быть объектом</translation>
    </message>
    <message>
        <source>must be an array</source>
        <translation>должно быть массивом</translation>
    </message>
    <message>
        <source>must have %1 to %2 entries</source>
        <translation>должно содержать от %1 до %2 элементов</translation>
    </message>
</context>
<context>
    <name>RunStore</name>
    <message>
        <source>a page of a run starts at 0 or later and holds 1 to %1 members</source>
        <translation>страница расчёта начинается с 0 или дальше и содержит от 1 до %1 участников</translation>
    </message>
    <message>
        <source>no commission run &apos;%1&apos; is kept for you (runs are kept %2 minutes; run it again)</source>
        <translation>расчёт комиссий &apos;%1&apos; для вас не хранится (расчёты хранятся %2 минут; запустите его снова)</translation>
    </message>
</context>
<context>
    <name>ServerConfig</name>
    <message>
        <source>--listen &apos;%1&apos; is not HOST:PORT such as 127.0.0.1:8080</source>
        <translation>--listen &apos;%1&apos; — не HOST:PORT вида 127.0.0.1:8080</translation>
    </message>
    <message>
        <source>option --%1 needs a value</source>
        <translation>параметру --%1 нужно значение</translation>
    </message>
    <message>
        <source>unknown argument &apos;%1&apos;; see mlm-server --help</source>
        <translation>неизвестный аргумент &apos;%1&apos;; см. mlm-server --help</translation>
    </message>
    <message>
        <source>cannot read the configuration file %1</source>
        <translation>не удаётся прочитать файл конфигурации %1</translation>
    </message>
    <message>
        <source>the configuration file %1 is not an INI file</source>
        <translation>файл конфигурации %1 — не INI-файл</translation>
    </message>
    <message>
        <source>--%1 &apos;%2&apos; is not a whole number from %3 to %4</source>
        <translation>--%1 &apos;%2&apos; — не целое число от %3 до %4</translation>
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
        <translation>Использование: mlm-server [--db URL] [--listen HOST:PORT] [--tls-cert ФАЙЛ --tls-key ФАЙЛ] [--threads N]
                  [--config ФАЙЛ] [--no-access-log] [другие параметры ниже]

Обслуживает API интеграции магазинов (docs/api.md) по пути /api/v1.
  --db URL           sqlite:///абс/путь.db или postgresql://user:pass@host:port/dbname
                     ($MLM_DB; ключ конфигурации db; по умолчанию: файл SQLite настольной программы)
  --listen HOST:PORT адрес для приёма запросов ($MLM_LISTEN; ключ listen; по умолчанию
                     127.0.0.1:8080; порт 0 выбирает свободный порт)
  --threads N        рабочие потоки, у каждого своё соединение ($MLM_SERVER_THREADS;
                     ключ threads; по умолчанию: число ядер)
  --request-timeout S
                     секунды, за которые начатый запрос должен прийти целиком; затем 408
                     ($MLM_SERVER_REQUEST_TIMEOUT; ключ request_timeout; по умолчанию 10)
  --idle-timeout S   секунды, которые удерживаемое соединение может ждать следующего запроса
                     ($MLM_SERVER_IDLE_TIMEOUT; ключ idle_timeout; по умолчанию 30)
  --max-connections N, --max-connections-per-client N
                     открытые соединения всего и с одного адреса клиента; сверх этого 503
                     ($MLM_SERVER_MAX_CONNECTIONS, $MLM_SERVER_MAX_CONNECTIONS_PER_CLIENT; ключи
                     max_connections, max_connections_per_client; по умолчанию 1000 и 100)
  --write-wait MS    сколько запись ждёт другую запись (импорт), прежде чем ответить 503
                     ($MLM_SERVER_WRITE_WAIT; ключ write_wait; по умолчанию 2000)
  --tls-cert ФАЙЛ, --tls-key ФАЙЛ
                     обслуживать HTTPS с этим сертификатом PEM (цепочка после него) и закрытым ключом
                     ($MLM_SERVER_TLS_CERT, $MLM_SERVER_TLS_KEY; ключи tls_cert, tls_key)
  --allow-plain-http обычный HTTP на адресе, который не loopback (только за прокси TLS;
                     $MLM_SERVER_ALLOW_PLAIN_HTTP; ключ allow_plain_http)
  --config ФАЙЛ      INI-файл с ключами выше и access_log=true|false ($MLM_SERVER_CONFIG)
  --no-access-log    без строки на каждый запрос (категория mlm.api.access)
  --version, --help
</translation>
    </message>
    <message>
        <source>%1 &apos;%2&apos; is not true or false</source>
        <translation>%1 &apos;%2&apos; — не true и не false</translation>
    </message>
    <message>
        <source>--tls-cert and --tls-key go together: give both or neither</source>
        <translation>--tls-cert и --tls-key задаются вместе: укажите оба или ни одного</translation>
    </message>
    <message>
        <source>%1 is not a loopback address: serve HTTPS with --tls-cert and --tls-key, or say --allow-plain-http (behind a TLS-terminating proxy only)</source>
        <translation>%1 — не адрес loopback: обслуживайте HTTPS с --tls-cert и --tls-key или укажите --allow-plain-http (только за прокси, завершающим TLS)</translation>
    </message>
</context>
<context>
    <name>ServerConnection</name>
    <message>
        <source>(no certificate)</source>
        <translation>(нет сертификата)</translation>
    </message>
    <message>
        <source>the server&apos;s address is empty</source>
        <translation>адрес сервера пуст</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a server address such as https://office.example.com:8443</source>
        <translation>&apos;%1&apos; не является адресом сервера вида https://office.example.com:8443</translation>
    </message>
    <message>
        <source>the server&apos;s address must begin with https:// (or http://), not %1://</source>
        <translation>адрес сервера должен начинаться с https:// (или http://), а не с %1://</translation>
    </message>
    <message>
        <source>the server&apos;s address has no path: give only https://host:port</source>
        <translation>у адреса сервера нет пути: укажите только https://host:port</translation>
    </message>
    <message>
        <source>cannot read the CA file %1</source>
        <translation>не удаётся прочитать файл CA %1</translation>
    </message>
    <message>
        <source>the CA file %1 holds no PEM certificate</source>
        <translation>файл CA %1 не содержит сертификата PEM</translation>
    </message>
    <message>
        <source>cannot reach the server %1: %2</source>
        <translation>сервер %1 недоступен: %2</translation>
    </message>
    <message>
        <source>this program has no TLS support (OpenSSL is missing)</source>
        <translation>у программы нет поддержки TLS (нет OpenSSL)</translation>
    </message>
    <message>
        <source>the server %1 is not the one it claims to be, or its certificate is not trusted here (%2); its certificate&apos;s SHA-256 fingerprint is %3</source>
        <translation>сервер %1 не тот, за кого себя выдаёт, или его сертификату здесь не доверяют (%2); отпечаток SHA-256 его сертификата: %3</translation>
    </message>
    <message>
        <source>the server closed the connection</source>
        <translation>сервер закрыл соединение</translation>
    </message>
    <message>
        <source>the server did not answer within %1 s</source>
        <translation>сервер не ответил за %1 с</translation>
    </message>
    <message>
        <source>the request could not be sent: %1</source>
        <translation>не удалось отправить запрос: %1</translation>
    </message>
    <message>
        <source>the server&apos;s answer has an oversized header</source>
        <translation>у ответа сервера слишком большой заголовок</translation>
    </message>
    <message>
        <source>the answer is not HTTP: is this the company&apos;s mlm-server?</source>
        <translation>ответ не является HTTP: это точно mlm-server компании?</translation>
    </message>
    <message>
        <source>the server&apos;s answer is garbled (a bad chunk)</source>
        <translation>ответ сервера искажён (неверный фрагмент)</translation>
    </message>
    <message>
        <source>the server&apos;s answer is garbled (a bad Content-Length)</source>
        <translation>ответ сервера искажён (неверный Content-Length)</translation>
    </message>
    <message>
        <source>the server&apos;s address holds no user name or password: sign in instead</source>
        <translation>адрес сервера не содержит имени пользователя и пароля: войдите в систему</translation>
    </message>
    <message>
        <source>it is not the certificate trusted for this server before (%1)</source>
        <translation>это не тот сертификат, которому раньше доверяли для этого сервера (%1)</translation>
    </message>
    <message>
        <source>the server %1 presents ANOTHER certificate than the one trusted for it (%2, trusted: %3): someone may be posing as the server; ask the administrator before you go on</source>
        <translation>сервер %1 предъявляет ДРУГОЙ сертификат, чем тот, которому для него доверяют (%2, доверенный: %3): возможно, кто-то выдаёт себя за сервер; спросите администратора, прежде чем продолжать</translation>
    </message>
</context>
<context>
    <name>Session</name>
    <message>
        <source>the sponsor chain of member %1 loops</source>
        <translation>цепочка спонсоров участника %1 зациклена</translation>
    </message>
    <message>
        <source>you cannot disable the user you are signed in as</source>
        <translation>нельзя отключить пользователя, под которым вы вошли</translation>
    </message>
    <message>
        <source>at most %1 members at a time, not %2</source>
        <translation>не более %1 участников за раз, а не %2</translation>
    </message>
</context>
<context>
    <name>SqliteBulkWriter</name>
    <message>
        <source>database error: %1</source>
        <translation>ошибка базы данных: %1</translation>
    </message>
</context>
<context>
    <name>StoreApi</name>
    <message>
        <source>this API key acts for store &apos;%1&apos; only, not for &apos;%2&apos;</source>
        <translation>этот API-ключ действует только для магазина &apos;%1&apos;, а не для &apos;%2&apos;</translation>
    </message>
    <message>
        <source>the database failed; nothing was changed. Try again later</source>
        <translation>сбой базы данных; ничего не изменено. Повторите попытку позже</translation>
    </message>
    <message>
        <source>no such endpoint; the API lives under %1</source>
        <translation>такой точки доступа нет; API находится по пути %1</translation>
    </message>
    <message>
        <source>no such endpoint: %1</source>
        <translation>такой точки доступа нет: %1</translation>
    </message>
    <message>
        <source>%1 is not allowed here; use %2</source>
        <translation>%1 здесь не разрешён; используйте %2</translation>
    </message>
    <message>
        <source>an API key is required: send the header Authorization: Bearer KEY</source>
        <translation>нужен API-ключ: передайте заголовок Authorization: Bearer KEY</translation>
    </message>
    <message>
        <source>the body has %1 bytes; the limit is %2</source>
        <translation>в теле запроса %1 байт; предел — %2</translation>
    </message>
    <message>
        <source>send the body as JSON with the header Content-Type: application/json</source>
        <translation>передайте тело как JSON с заголовком Content-Type: application/json</translation>
    </message>
    <message>
        <source>no active referral link &apos;%1&apos;</source>
        <translation>нет активной реферальной ссылки &apos;%1&apos;</translation>
    </message>
    <message>
        <source>the referral link &apos;%1&apos; belongs to another store</source>
        <translation>реферальная ссылка &apos;%1&apos; принадлежит другому магазину</translation>
    </message>
    <message>
        <source>must be customer or distributor</source>
        <translation>должно быть customer или distributor</translation>
    </message>
    <message>
        <source>ask for one buyer: member or customer, not both</source>
        <translation>запросите одного покупателя: member или customer, не обоих</translation>
    </message>
    <message>
        <source>no customer &apos;%1&apos; in store &apos;%2&apos;</source>
        <translation>нет клиента &apos;%1&apos; в магазине &apos;%2&apos;</translation>
    </message>
    <message>
        <source>buyer: give exactly one of member (a member code) and customer (an email)</source>
        <translation>buyer: укажите ровно одно из member (код участника) и customer (адрес почты)</translation>
    </message>
    <message>
        <source>%1: must be an object</source>
        <translation>%1: должен быть объектом</translation>
    </message>
    <message>
        <source>prices come from the catalog by the buyer&apos;s tier; leave it out</source>
        <translation>цены берутся из каталога по уровню покупателя; не передавайте это поле</translation>
    </message>
    <message>
        <source>a new order is pending or paid</source>
        <translation>новый заказ бывает pending или paid</translation>
    </message>
    <message>
        <source>only a paid order has a payment time</source>
        <translation>время оплаты бывает только у оплаченного заказа</translation>
    </message>
    <message>
        <source>must be paid, cancelled or refunded</source>
        <translation>должно быть paid, cancelled или refunded</translation>
    </message>
    <message>
        <source>cannot open a socket: %1</source>
        <translation>не удаётся открыть сокет: %1</translation>
    </message>
    <message>
        <source>cannot listen on %1 port %2: %3</source>
        <translation>не удаётся слушать на %1, порт %2: %3</translation>
    </message>
    <message>
        <source>cannot read the bound port</source>
        <translation>не удаётся прочитать назначенный порт</translation>
    </message>
    <message>
        <source>a segment of the path %1</source>
        <translation>часть пути %1</translation>
    </message>
    <message>
        <source>a query parameter %1</source>
        <translation>параметр запроса %1</translation>
    </message>
    <message>
        <source>the query parameter &apos;%1&apos; %2</source>
        <translation>параметр запроса &apos;%1&apos; %2</translation>
    </message>
    <message>
        <source>the request did not arrive whole within %1 s</source>
        <translation>запрос не пришёл полностью за %1 с</translation>
    </message>
    <message>
        <source>too many open connections; close some and try again</source>
        <translation>слишком много открытых соединений; закройте часть и попробуйте снова</translation>
    </message>
    <message>
        <source>the database is unavailable for a moment; try again (an order sent again with the same external_id is never made twice)</source>
        <translation>база данных временно недоступна; попробуйте снова (заказ, отправленный повторно с тем же external_id, никогда не создаётся дважды)</translation>
    </message>
    <message>
        <source>this email belongs to a member of the network already, who signs in at the back office; nothing about the member is told to this store</source>
        <translation>этот адрес уже принадлежит участнику сети, который входит в бэк-офис; этому магазину ничего об участнике не сообщается</translation>
    </message>
    <message>
        <source>TLS is not available: Qt found no TLS backend (OpenSSL 3)</source>
        <translation>TLS недоступен: Qt не нашёл бэкенд TLS (OpenSSL 3)</translation>
    </message>
    <message>
        <source>cannot read the TLS certificate %1: %2</source>
        <translation>не удаётся прочитать сертификат TLS %1: %2</translation>
    </message>
    <message>
        <source>the TLS certificate %1 holds no PEM certificate</source>
        <translation>файл сертификата TLS %1 не содержит сертификата PEM</translation>
    </message>
    <message>
        <source>cannot read the TLS key %1: %2</source>
        <translation>не удаётся прочитать ключ TLS %1: %2</translation>
    </message>
    <message>
        <source>the TLS key %1 is not an unencrypted PEM private key (RSA or EC)</source>
        <translation>ключ TLS %1 — не незашифрованный закрытый ключ PEM (RSA или EC)</translation>
    </message>
    <message>
        <source>the TLS key %1 is not the key of the certificate %2 (its first certificate)</source>
        <translation>ключ TLS %1 не является ключом сертификата %2 (его первого сертификата)</translation>
    </message>
</context>
<context>
    <name>Stores</name>
    <message>
        <source>store code &apos;%1&apos; is not valid: use 2-32 characters of A-Z, a-z, 0-9, - and _</source>
        <translation>код магазина &apos;%1&apos; недопустим: 2-32 символа из A-Z, a-z, 0-9, - и _</translation>
    </message>
    <message>
        <source>store %1 needs a name</source>
        <translation>у магазина %1 должно быть название</translation>
    </message>
    <message>
        <source>store %1: the link template must contain {code}</source>
        <translation>магазин %1: шаблон ссылки должен содержать {code}</translation>
    </message>
    <message>
        <source>no store with code &apos;%1&apos;</source>
        <translation>нет магазина с кодом &apos;%1&apos;</translation>
    </message>
    <message>
        <source>no store with id %1</source>
        <translation>нет магазина с id %1</translation>
    </message>
    <message>
        <source>the store code &apos;%1&apos; is taken</source>
        <translation>код магазина &apos;%1&apos; занят</translation>
    </message>
    <message>
        <source>no price tier &apos;%1&apos;</source>
        <translation>нет ценового уровня &apos;%1&apos;</translation>
    </message>
    <message>
        <source>no referral link &apos;%1&apos;</source>
        <translation>нет реферальной ссылки &apos;%1&apos;</translation>
    </message>
    <message>
        <source>link code &apos;%1&apos; is not valid: use 4-32 characters of A-Z, a-z, 0-9 and -</source>
        <translation>код ссылки &apos;%1&apos; недопустим: 4-32 символа из A-Z, a-z, 0-9 и -</translation>
    </message>
    <message>
        <source>member %1 is %2 and cannot own a link</source>
        <translation>участник %1 в статусе %2 и не может владеть ссылкой</translation>
    </message>
    <message>
        <source>could not generate a free link code; try again</source>
        <translation>не удалось создать свободный код ссылки; попробуйте ещё раз</translation>
    </message>
    <message>
        <source>the link code &apos;%1&apos; is taken</source>
        <translation>код ссылки &apos;%1&apos; занят</translation>
    </message>
    <message>
        <source>the link &apos;%1&apos; is already inactive</source>
        <translation>ссылка &apos;%1&apos; уже неактивна</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not an email address; a retail customer needs one</source>
        <translation>&apos;%1&apos; — не адрес электронной почты; он нужен розничному клиенту</translation>
    </message>
    <message>
        <source>store %1: the base URL &apos;%2&apos; is not a web address like https://shop.example.com</source>
        <translation>магазин %1: базовый URL &apos;%2&apos; — не веб-адрес вида https://shop.example.com</translation>
    </message>
    <message>
        <source>%1 is terminated and cannot be a store&apos;s default sponsor</source>
        <translation>%1 исключён и не может быть спонсором магазина по умолчанию</translation>
    </message>
</context>
<context>
    <name>SyntheticCompany</name>
    <message>
        <source>&apos;%1&apos; is not a period YYYY-MM</source>
        <translation>&apos;%1&apos; — не период ГГГГ-ММ</translation>
    </message>
    <message>
        <source>seed needs at least 1 member, 0 or more orders, 1-600 months and 1-24 products</source>
        <translation>для seed нужны не меньше 1 участника, 0 или больше заказов, 1-600 месяцев и 1-24 товара</translation>
    </message>
    <message>
        <source>cannot write the dataset: %1</source>
        <translation>не удаётся записать данные: %1</translation>
    </message>
</context>
<context>
    <name>Text</name>
    <message>
        <source>contains the character U+0000 (NUL)</source>
        <translation>содержит символ U+0000 (NUL)</translation>
    </message>
    <message>
        <source>is not valid Unicode: a lone surrogate U+%1</source>
        <translation>не является допустимым Unicode: одиночный суррогат U+%1</translation>
    </message>
</context>
<context>
    <name>UserSessions</name>
    <message>
        <source>too many failed sign-ins; try again later</source>
        <translation>слишком много неудачных попыток входа; попробуйте позже</translation>
    </message>
    <message>
        <source>the session is not valid (signed out, expired or never begun): sign in again</source>
        <translation>сеанс недействителен (завершён, истёк или не начинался): войдите снова</translation>
    </message>
    <message>
        <source>not a session token</source>
        <translation>это не токен сеанса</translation>
    </message>
    <message>
        <source>the old password is not right</source>
        <translation>старый пароль неверен</translation>
    </message>
</context>
<context>
    <name>Users</name>
    <message>
        <source>a user name has 2-64 characters of A-Z, a-z, 0-9, &apos;.&apos;, &apos;_&apos;, &apos;@&apos; and &apos;-&apos;</source>
        <translation>имя пользователя — 2-64 символа из A-Z, a-z, 0-9, &apos;.&apos;, &apos;_&apos;, &apos;@&apos; и &apos;-&apos;</translation>
    </message>
    <message>
        <source>a password has at least %1 characters</source>
        <translation>пароль — не меньше %1 символов</translation>
    </message>
    <message>
        <source>a password cannot be only spaces</source>
        <translation>пароль не может состоять только из пробелов</translation>
    </message>
    <message>
        <source>no user &apos;%1&apos;</source>
        <translation>нет пользователя &apos;%1&apos;</translation>
    </message>
    <message>
        <source>only a distributor user stands for a member; %1 users do not</source>
        <translation>участника представляет только пользователь-дистрибьютор; пользователи с ролью %1 — нет</translation>
    </message>
    <message>
        <source>a distributor user needs the member it signs in as</source>
        <translation>пользователю-дистрибьютору нужен участник, под которым он входит</translation>
    </message>
    <message>
        <source>member %1 is terminated and cannot sign in</source>
        <translation>участник %1 исключён и не может войти</translation>
    </message>
    <message>
        <source>the user name &apos;%1&apos; is taken</source>
        <translation>имя пользователя &apos;%1&apos; занято</translation>
    </message>
    <message>
        <source>%1 is the last active admin; make another admin first</source>
        <translation>%1 — последний активный администратор; сначала назначьте другого</translation>
    </message>
    <message>
        <source>wrong user name or password</source>
        <translation>неверное имя пользователя или пароль</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>MLM back office</source>
        <translation>MLM бэк-офис</translation>
    </message>
    <message>
        <source>The database: sqlite:///path.db or postgresql://...</source>
        <translation>База данных: sqlite:///путь.db или postgresql://...</translation>
    </message>
    <message>
        <source>The user name to sign in with.</source>
        <translation>Имя пользователя для входа.</translation>
    </message>
    <message>
        <source>MLM Back Office</source>
        <translation>MLM бэк-офис</translation>
    </message>
    <message>
        <source>Cannot open the database:
%1</source>
        <translation>Не удаётся открыть базу данных:
%1</translation>
    </message>
    <message>
        <source>self-test failed: cannot open the database %1</source>
        <translation>самопроверка не пройдена: не удаётся открыть базу данных %1</translation>
    </message>
    <message>
        <source>mlm-backoffice %1: self-test passed (%2 pages, platform %3)</source>
        <translation>mlm-backoffice %1: самопроверка пройдена (страниц: %2, платформа %3)</translation>
    </message>
    <message>
        <source>Open the database given with --db, show the main window as an administrator would see it, and quit: a check that the installed program runs.</source>
        <translation>Открывает базу данных из --db, показывает главное окно так, как его видит администратор, и завершается: проверка, что установленная программа работает.</translation>
    </message>
    <message>
        <source>The company&apos;s server to sign in to: https://host:port (its CA file and a certificate trusted before are remembered per server).</source>
        <translation>Сервер компании, на котором выполнить вход: https://host:port (его файл ЦС и ранее доверенный сертификат запоминаются для каждого сервера).</translation>
    </message>
</context>
<context>
    <name>mlm::AuditView</name>
    <message>
        <source>Show &amp;more</source>
        <translation>Показать &amp;ещё</translation>
    </message>
    <message>
        <source>All changes</source>
        <translation>Все изменения</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>Участники</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>Заказы</translation>
    </message>
    <message>
        <source>Referral links</source>
        <translation>Реферальные ссылки</translation>
    </message>
    <message>
        <source>Products</source>
        <translation>Товары</translation>
    </message>
    <message>
        <source>Prices</source>
        <translation>Цены</translation>
    </message>
    <message>
        <source>Price tiers</source>
        <translation>Ценовые уровни</translation>
    </message>
    <message>
        <source>Stores</source>
        <translation>Магазины</translation>
    </message>
    <message>
        <source>API keys</source>
        <translation>API-ключи</translation>
    </message>
    <message>
        <source>Compensation plan</source>
        <translation>Маркетинг-план</translation>
    </message>
    <message>
        <source>Commission runs</source>
        <translation>Расчёты комиссий</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>Пользователи</translation>
    </message>
    <message>
        <source>Dataset imports</source>
        <translation>Импорт данных</translation>
    </message>
    <message>
        <source>By (user:name, cli:name, api:store:code)</source>
        <translation>Кто (user:имя, cli:имя, api:store:код)</translation>
    </message>
    <message>
        <source>any day</source>
        <translation>любой день</translation>
    </message>
    <message>
        <source>When (UTC)</source>
        <translation>Когда (UTC)</translation>
    </message>
    <message>
        <source>By</source>
        <translation>Кто</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Изменение</translation>
    </message>
    <message>
        <source>Of</source>
        <translation>Объект</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Подробности</translation>
    </message>
    <message>
        <source>From:</source>
        <translation>С:</translation>
    </message>
    <message>
        <source>Before:</source>
        <translation>До:</translation>
    </message>
    <message>
        <source>No change recorded matches.</source>
        <translation>Подходящих изменений нет.</translation>
    </message>
    <message>
        <source>Changes shown: %L1</source>
        <translation>Показано изменений: %L1</translation>
    </message>
    <message>
        <source>%1 #%2</source>
        <translation>%1 №%2</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>none</source>
        <translation>нет</translation>
    </message>
    <message>
        <source>%1: %2 -&gt; %3</source>
        <translation>%1: %2 -&gt; %3</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>(пусто)</translation>
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
        <translation>Цена %2 на уровне %1</translation>
    </message>
    <message>
        <source>%1 has no %2 price of its own: buyers in this tier pay the retail price</source>
        <translation>у %1 нет собственной цены уровня %2: покупатели этого уровня платят розничную цену</translation>
    </message>
    <message>
        <source>for sale</source>
        <translation>в продаже</translation>
    </message>
    <message>
        <source>withdrawn</source>
        <translation>снят с продажи</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Price in the %1 tier (code %2), in %3</source>
        <translation>Цена на уровне %1 (код %2), в %3</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>Артикул</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Товар</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Активен</translation>
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
        <translation>&apos;%1&apos; — не сумма: введите цену вида %2</translation>
    </message>
</context>
<context>
    <name>mlm::CatalogView</name>
    <message>
        <source>Price saved</source>
        <translation>Цена сохранена</translation>
    </message>
    <message>
        <source>&amp;Add product...</source>
        <translation>&amp;Добавить товар...</translation>
    </message>
    <message>
        <source>&amp;Edit product...</source>
        <translation>&amp;Изменить товар...</translation>
    </message>
    <message>
        <source>Add &amp;tier...</source>
        <translation>Добавить &amp;уровень...</translation>
    </message>
    <message>
        <source>&amp;Import price list...</source>
        <translation>&amp;Импорт прайс-листа...</translation>
    </message>
    <message>
        <source>E&amp;xport price list...</source>
        <translation>&amp;Экспорт прайс-листа...</translation>
    </message>
    <message>
        <source>Tier added</source>
        <translation>Уровень добавлен</translation>
    </message>
    <message>
        <source>Import price list</source>
        <translation>Импорт прайс-листа</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>Файлы CSV (*.csv);;Все файлы (*)</translation>
    </message>
    <message>
        <source>Export price list</source>
        <translation>Экспорт прайс-листа</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Файлы CSV (*.csv)</translation>
    </message>
    <message>
        <source>Double-click a price to change it; leave it empty and the tier falls back to the retail price, shown in grey italics. Cells copied from a spreadsheet are pasted with Ctrl+V from the selected price on. Changes apply to orders placed from now on.</source>
        <translation>Дважды щёлкните цену, чтобы изменить её; если оставить её пустой, уровень получает розничную цену (показана серым курсивом). Ячейки, скопированные из электронной таблицы, вставляются через Ctrl+V начиная с выбранной цены. Изменения действуют для заказов начиная с этого момента.</translation>
    </message>
    <message>
        <source>Select a product first.</source>
        <translation>Сначала выберите товар.</translation>
    </message>
    <message>
        <source>Product %1 added</source>
        <translation>Товар %1 добавлен</translation>
    </message>
    <message>
        <source>Product %1 saved</source>
        <translation>Товар %1 сохранён</translation>
    </message>
    <message>
        <source>Select the price cell where the pasted block begins.</source>
        <translation>Выберите ячейку цены, с которой начинается вставляемый блок.</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>не удаётся прочитать %1: %2</translation>
    </message>
    <message>
        <source>Price list saved to %1</source>
        <translation>Прайс-лист сохранён в %1</translation>
    </message>
    <message numerus="yes">
        <source>%n price(s) pasted</source>
        <translation>
            <numerusform>Вставлена %n цена</numerusform>
            <numerusform>Вставлено %n цены</numerusform>
            <numerusform>Вставлено %n цен</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n price(s) read from %1.</source>
        <translation>
            <numerusform>Из %1 прочитана %n цена.</numerusform>
            <numerusform>Из %1 прочитано %n цены.</numerusform>
            <numerusform>Из %1 прочитано %n цен.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>mlm::CommissionsModel</name>
    <message>
        <source>Member</source>
        <translation>Участник</translation>
    </message>
    <message>
        <source>PV</source>
        <translation>PV</translation>
    </message>
    <message>
        <source>Qualified</source>
        <translation>Квалификация</translation>
    </message>
    <message>
        <source>Retail profit</source>
        <translation>Розничная прибыль</translation>
    </message>
    <message>
        <source>Level %1</source>
        <translation>Уровень %1</translation>
    </message>
    <message>
        <source>Clawback</source>
        <translation>Удержание</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Итого</translation>
    </message>
    <message>
        <source>Loading...</source>
        <translation>Загрузка...</translation>
    </message>
</context>
<context>
    <name>mlm::CommissionsView</name>
    <message>
        <source>&amp;Preview</source>
        <translation>&amp;Предпросмотр</translation>
    </message>
    <message>
        <source>&amp;Close period...</source>
        <translation>&amp;Закрыть период...</translation>
    </message>
    <message>
        <source>Payout &amp;file...</source>
        <translation>&amp;Файл выплат...</translation>
    </message>
    <message>
        <source>&amp;Statement...</source>
        <translation>&amp;Выписка...</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Период</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Состояние</translation>
    </message>
    <message>
        <source>Paid as</source>
        <translation>Выплачено как</translation>
    </message>
    <message>
        <source>Rate</source>
        <translation>Ставка</translation>
    </message>
    <message>
        <source>Members paid</source>
        <translation>Получили выплату</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Сумма</translation>
    </message>
    <message>
        <source>Member code</source>
        <translation>Код участника</translation>
    </message>
    <message>
        <source>Close period</source>
        <translation>Закрыть период</translation>
    </message>
    <message>
        <source>Close %1? Its commissions are computed once more and become final: the period can no longer change, and refunds after it are clawed back in a later period.</source>
        <translation>Закрыть %1? Комиссии будут рассчитаны ещё раз и станут окончательными: период больше не изменится, а последующие возвраты будут удержаны в одном из следующих периодов.</translation>
    </message>
    <message>
        <source>%1 closed</source>
        <translation>%1 закрыт</translation>
    </message>
    <message>
        <source>Save payout file</source>
        <translation>Сохранить файл выплат</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Файлы CSV (*.csv)</translation>
    </message>
    <message>
        <source>Payout file saved to %1</source>
        <translation>Файл выплат сохранён в %1</translation>
    </message>
    <message>
        <source>Statement of member:</source>
        <translation>Выписка участника:</translation>
    </message>
    <message>
        <source>Per member</source>
        <translation>По участникам</translation>
    </message>
    <message>
        <source>Per level</source>
        <translation>По уровням</translation>
    </message>
    <message>
        <source>Pick a period; the statement lists every order that paid you in it, with its level, rate and amount.</source>
        <translation>Выберите период; в выписке перечислен каждый заказ, принёсший вам выплату в нём, с уровнем, ставкой и суммой.</translation>
    </message>
    <message>
        <source>closed %1</source>
        <translation>закрыт %1</translation>
    </message>
    <message>
        <source>open</source>
        <translation>открыт</translation>
    </message>
    <message>
        <source>An open period: press Preview to compute what it would pay now. Nothing is stored until the period is closed.</source>
        <translation>Период открыт: нажмите «Предпросмотр», чтобы рассчитать, сколько он выплатил бы сейчас. Ничего не сохраняется, пока период не закрыт.</translation>
    </message>
    <message>
        <source>%1 (closed, read-only)</source>
        <translation>%1 (закрыт, только чтение)</translation>
    </message>
    <message>
        <source>%1 (open)</source>
        <translation>%1 (открыт)</translation>
    </message>
    <message>
        <source>Computing %1</source>
        <translation>Расчёт %1</translation>
    </message>
    <message>
        <source>Preview of %1 ready</source>
        <translation>Предпросмотр %1 готов</translation>
    </message>
    <message>
        <source>Level %1</source>
        <translation>Уровень %1</translation>
    </message>
    <message>
        <source>Retail profit</source>
        <translation>Розничная прибыль</translation>
    </message>
    <message>
        <source>Clawbacks</source>
        <translation>Удержания</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Итого</translation>
    </message>
    <message>
        <source>Closed run of %1.</source>
        <translation>Закрытый расчёт за %1.</translation>
    </message>
    <message>
        <source>Preview of %1 with today&apos;s data; nothing is stored.</source>
        <translation>Предпросмотр %1 по сегодняшним данным; ничего не сохраняется.</translation>
    </message>
    <message>
        <source>%1 members with volume or amounts, %2 of them paid. Total %3 %4: levels %5, retail profit %6, clawbacks %7.</source>
        <translation>Участников с объёмом или суммами: %1, из них с выплатой: %2. Итого %3 %4: уровни %5, розничная прибыль %6, удержания %7.</translation>
    </message>
    <message>
        <source>a payout file is made for a closed period only</source>
        <translation>файл выплат создаётся только для закрытого периода</translation>
    </message>
    <message>
        <source>Select a period first.</source>
        <translation>Сначала выберите период.</translation>
    </message>
    <message>
        <source>Reading %1</source>
        <translation>Чтение %1</translation>
    </message>
    <message>
        <source>Closing %1</source>
        <translation>Закрытие %1</translation>
    </message>
    <message>
        <source>Saving the payout file of %1</source>
        <translation>Сохранение файла выплат за %1</translation>
    </message>
    <message>
        <source>Pick a period and enter a member&apos;s code; the statement lists every order that paid that member in it, with its level, rate and amount.</source>
        <translation>Выберите период и введите код участника; выписка перечисляет каждый заказ, который принёс этому участнику выплату в нём, с уровнем, ставкой и суммой.</translation>
    </message>
    <message>
        <source>Paid you</source>
        <translation>Вам выплачено</translation>
    </message>
</context>
<context>
    <name>mlm::ContactDialog</name>
    <message>
        <source>Contact data of %1</source>
        <translation>Контактные данные %1</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Имя:</translation>
    </message>
    <message>
        <source>&amp;Email:</source>
        <translation>&amp;Почта:</translation>
    </message>
    <message>
        <source>&amp;Phone:</source>
        <translation>&amp;Телефон:</translation>
    </message>
    <message>
        <source>&amp;Country:</source>
        <translation>&amp;Страна:</translation>
    </message>
</context>
<context>
    <name>mlm::CustomersView</name>
    <message>
        <source>Email begins with...</source>
        <translation>Почта начинается с...</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Почта</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Имя</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Владелец</translation>
    </message>
    <message>
        <source>Came through</source>
        <translation>Пришёл через</translation>
    </message>
    <message>
        <source>Registered</source>
        <translation>Зарегистрирован</translation>
    </message>
    <message>
        <source>Store:</source>
        <translation>Магазин:</translation>
    </message>
    <message>
        <source>nobody</source>
        <translation>никто</translation>
    </message>
    <message>
        <source>Showing the first %1: type more of the email to narrow it.</source>
        <translation>Показаны первые %1: введите больше символов адреса, чтобы сузить поиск.</translation>
    </message>
    <message numerus="yes">
        <source>%n customer(s)</source>
        <translation>
            <numerusform>%n клиент</numerusform>
            <numerusform>%n клиента</numerusform>
            <numerusform>%n клиентов</numerusform>
        </translation>
    </message>
    <message>
        <source>No customer of %1 has an email that begins with &quot;%2&quot;.</source>
        <translation>Ни у одного клиента %1 адрес почты не начинается с &quot;%2&quot;.</translation>
    </message>
    <message>
        <source>%1 has no retail customers yet. A store adds them when a buyer who is not a distributor registers or orders (separate channel, personal storefronts).</source>
        <translation>У %1 пока нет розничных клиентов. Магазин добавляет их, когда покупатель, не являющийся дистрибьютором, регистрируется или заказывает (отдельный канал, личные магазины).</translation>
    </message>
</context>
<context>
    <name>mlm::DashboardView</name>
    <message>
        <source>&amp;Show</source>
        <translation>&amp;Показать</translation>
    </message>
    <message>
        <source>Save as &amp;PDF...</source>
        <translation>Сохранить в &amp;PDF...</translation>
    </message>
    <message>
        <source>Empty: the whole company</source>
        <translation>Пусто: вся компания</translation>
    </message>
    <message>
        <source>Member code</source>
        <translation>Код участника</translation>
    </message>
    <message>
        <source>Save dashboard as PDF</source>
        <translation>Сохранить панель в PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>Файлы PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Dashboard saved to %1</source>
        <translation>Панель сохранена в %1</translation>
    </message>
    <message>
        <source>Save chart as PNG...</source>
        <translation>Сохранить график в PNG...</translation>
    </message>
    <message>
        <source>Save chart as PNG</source>
        <translation>Сохранить график в PNG</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>Изображения PNG (*.png)</translation>
    </message>
    <message>
        <source>Chart saved to %1</source>
        <translation>График сохранён в %1</translation>
    </message>
    <message>
        <source>Hover for exact values; right-click to save the chart as PNG.</source>
        <translation>Наведите указатель, чтобы увидеть точные значения; правый щелчок сохраняет график в PNG.</translation>
    </message>
    <message>
        <source>Your downline:</source>
        <translation>Ваша структура:</translation>
    </message>
    <message>
        <source>Downline of:</source>
        <translation>Структура участника:</translation>
    </message>
    <message>
        <source>12 months up to:</source>
        <translation>12 месяцев по:</translation>
    </message>
    <message>
        <source>Pick a downline and a month, then Show.</source>
        <translation>Выберите структуру и месяц, затем нажмите «Показать».</translation>
    </message>
    <message>
        <source>Computing the company&apos;s dashboard</source>
        <translation>Расчёт панели компании</translation>
    </message>
    <message>
        <source>Computing the dashboard of %1</source>
        <translation>Расчёт панели %1</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>The whole company: %1 members, %2 PV of volume in %3.</source>
        <translation>Вся компания: участников %1, объём %2 PV за %3.</translation>
    </message>
    <message>
        <source>%1: %2 members below, %3 PV of group volume in %4.</source>
        <translation>%1: участников ниже — %2, групповой объём %3 PV за %4.</translation>
    </message>
    <message>
        <source>Personal volume (PV)</source>
        <translation>Личный объём (PV)</translation>
    </message>
    <message>
        <source>Volume (PV)</source>
        <translation>Объём (PV)</translation>
    </message>
    <message>
        <source>Group volume (PV)</source>
        <translation>Групповой объём (PV)</translation>
    </message>
    <message>
        <source>New members</source>
        <translation>Новые участники</translation>
    </message>
    <message>
        <source>Active (qualified) members</source>
        <translation>Активные (квалифицированные) участники</translation>
    </message>
    <message>
        <source>&lt;h3&gt;%1&lt;/h3&gt;&lt;table cellspacing=&quot;6&quot;&gt;&lt;tr&gt;&lt;th&gt;&lt;/th&gt;&lt;th align=&quot;right&quot;&gt;%1&lt;/th&gt;&lt;th align=&quot;right&quot;&gt;vs. %2&lt;/th&gt;&lt;/tr&gt;%3&lt;/table&gt;&lt;p&gt;%4&lt;/p&gt;</source>
        <translation>&lt;h3&gt;%1&lt;/h3&gt;&lt;table cellspacing=&quot;6&quot;&gt;&lt;tr&gt;&lt;th&gt;&lt;/th&gt;&lt;th align=&quot;right&quot;&gt;%1&lt;/th&gt;&lt;th align=&quot;right&quot;&gt;к %2&lt;/th&gt;&lt;/tr&gt;%3&lt;/table&gt;&lt;p&gt;%4&lt;/p&gt;</translation>
    </message>
    <message>
        <source>there is no chart to save yet</source>
        <translation>графика для сохранения ещё нет</translation>
    </message>
    <message>
        <source>cannot write %1</source>
        <translation>не удаётся записать %1</translation>
    </message>
    <message>
        <source>there is no dashboard to save yet</source>
        <translation>панели для сохранения ещё нет</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>не удаётся записать %1: %2</translation>
    </message>
    <message numerus="yes">
        <source>%Ln member(s) today.</source>
        <translation>
            <numerusform>Сегодня %Ln участник.</numerusform>
            <numerusform>Сегодня %Ln участника.</numerusform>
            <numerusform>Сегодня %Ln участников.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln member(s) below today.</source>
        <translation>
            <numerusform>Сегодня ниже %Ln участник.</numerusform>
            <numerusform>Сегодня ниже %Ln участника.</numerusform>
            <numerusform>Сегодня ниже %Ln участников.</numerusform>
        </translation>
    </message>
    <message>
        <source>Type a member&apos;s code and press Show to see the performance of its downline.</source>
        <translation>Введите код участника и нажмите «Показать», чтобы увидеть результаты его структуры.</translation>
    </message>
</context>
<context>
    <name>mlm::FirstAdminDialog</name>
    <message>
        <source>First administrator - MLM Back Office</source>
        <translation>Первый администратор - MLM бэк-офис</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Welcome&lt;/h3&gt;This database has no users yet. Create the first administrator: they can then add the other users and give them their roles.</source>
        <translation>&lt;h3&gt;Добро пожаловать&lt;/h3&gt;В этой базе данных ещё нет пользователей. Создайте первого администратора: затем он сможет добавить остальных пользователей и назначить им роли.</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>&amp;Имя пользователя:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Пароль:</translation>
    </message>
    <message>
        <source>&amp;Repeat it:</source>
        <translation>&amp;Повторите:</translation>
    </message>
    <message>
        <source>At least %1 characters.</source>
        <translation>Не меньше %1 символов.</translation>
    </message>
    <message>
        <source>Create administrator</source>
        <translation>Создать администратора</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>Пароли не совпадают.</translation>
    </message>
</context>
<context>
    <name>mlm::InlineProgress</name>
    <message>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1: stopping...</source>
        <translation>%1: остановка...</translation>
    </message>
    <message>
        <source>%1: cancelled</source>
        <translation>%1: отменено</translation>
    </message>
</context>
<context>
    <name>mlm::LinksView</name>
    <message>
        <source>&amp;Copy URL</source>
        <translation>&amp;Копировать URL</translation>
    </message>
    <message>
        <source>&amp;Save QR as PNG...</source>
        <translation>&amp;Сохранить QR в PNG...</translation>
    </message>
    <message>
        <source>&amp;Deactivate</source>
        <translation>&amp;Отключить</translation>
    </message>
    <message>
        <source>Member code, then Enter</source>
        <translation>Код участника, затем Enter</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Код</translation>
    </message>
    <message>
        <source>Store</source>
        <translation>Магазин</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Состояние</translation>
    </message>
    <message>
        <source>empty: 8 random characters</source>
        <translation>пусто: 8 случайных символов</translation>
    </message>
    <message>
        <source>C&amp;reate link</source>
        <translation>&amp;Создать ссылку</translation>
    </message>
    <message>
        <source>Deactivate link</source>
        <translation>Отключить ссылку</translation>
    </message>
    <message>
        <source>Deactivate %1? It stops working at once and is never given to anyone else.</source>
        <translation>Отключить %1? Она сразу перестанет работать и никогда не будет выдана никому другому.</translation>
    </message>
    <message>
        <source>Member:</source>
        <translation>Участник:</translation>
    </message>
    <message>
        <source>Store:</source>
        <translation>Магазин:</translation>
    </message>
    <message>
        <source>Own code:</source>
        <translation>Свой код:</translation>
    </message>
    <message>
        <source>New link</source>
        <translation>Новая ссылка</translation>
    </message>
    <message>
        <source>active</source>
        <translation>активна</translation>
    </message>
    <message>
        <source>deactivated</source>
        <translation>отключена</translation>
    </message>
    <message>
        <source>Choose a member first.</source>
        <translation>Сначала выберите участника.</translation>
    </message>
    <message>
        <source>Link %1 created</source>
        <translation>Ссылка %1 создана</translation>
    </message>
    <message>
        <source>Select a link to see its QR code</source>
        <translation>Выберите ссылку, чтобы увидеть её QR-код</translation>
    </message>
    <message>
        <source>Copied %1</source>
        <translation>Скопировано: %1</translation>
    </message>
    <message>
        <source>Select a link first.</source>
        <translation>Сначала выберите ссылку.</translation>
    </message>
    <message>
        <source>Link %1 deactivated</source>
        <translation>Ссылка %1 отключена</translation>
    </message>
    <message>
        <source>Save QR code</source>
        <translation>Сохранить QR-код</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>Изображения PNG (*.png)</translation>
    </message>
    <message>
        <source>Cannot write %1</source>
        <translation>Не удаётся записать %1</translation>
    </message>
    <message>
        <source>Type a member&apos;s code above and press Enter first.</source>
        <translation>Сначала введите выше код участника и нажмите Enter.</translation>
    </message>
    <message>
        <source>Type a member&apos;s code above and press Enter to see its referral links.</source>
        <translation>Введите выше код участника и нажмите Enter, чтобы увидеть его реферальные ссылки.</translation>
    </message>
    <message>
        <source>%1 has no referral links yet: choose a store below and create one.</source>
        <translation>У %1 пока нет реферальных ссылок: выберите магазин ниже и создайте ссылку.</translation>
    </message>
</context>
<context>
    <name>mlm::MainWindow</name>
    <message>
        <source>MLM Back Office</source>
        <translation>MLM бэк-офис</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>Сеть</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Файл</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Выход</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Вид</translation>
    </message>
    <message>
        <source>&amp;Find a member</source>
        <translation>&amp;Найти участника</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Справка</translation>
    </message>
    <message>
        <source>&amp;About</source>
        <translation>&amp;О программе</translation>
    </message>
    <message>
        <source>About MLM Back Office</source>
        <translation>О программе MLM бэк-офис</translation>
    </message>
    <message>
        <source>&lt;b&gt;MLM Back Office&lt;/b&gt; %1&lt;br&gt;Distributors, customers, orders and commissions for direct-selling companies.</source>
        <translation>&lt;b&gt;MLM бэк-офис&lt;/b&gt; %1&lt;br&gt;Дистрибьюторы, клиенты, заказы и комиссии для компаний прямых продаж.</translation>
    </message>
    <message>
        <source>Signed in as %1 (%2)</source>
        <translation>Вход выполнен: %1 (%2)</translation>
    </message>
    <message>
        <source>, member %1</source>
        <translation>, участник %1</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>Участники</translation>
    </message>
    <message>
        <source>Referral links</source>
        <translation>Реферальные ссылки</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>Клиенты</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>Заказы</translation>
    </message>
    <message>
        <source>&amp;Open another database...</source>
        <translation>&amp;Открыть другую базу данных...</translation>
    </message>
    <message>
        <source>&amp;Import dataset...</source>
        <translation>&amp;Импорт данных...</translation>
    </message>
    <message>
        <source>Import dataset</source>
        <translation>Импорт данных</translation>
    </message>
    <message>
        <source>Dataset files (*.json)</source>
        <translation>Файлы данных (*.json)</translation>
    </message>
    <message>
        <source>&amp;Export dataset...</source>
        <translation>&amp;Экспорт данных...</translation>
    </message>
    <message>
        <source>Export dataset</source>
        <translation>Экспорт данных</translation>
    </message>
    <message>
        <source>Importing %1</source>
        <translation>Импорт %1</translation>
    </message>
    <message>
        <source>Imported %1 members and %2 orders.</source>
        <translation>Импортировано: участников %1, заказов %2.</translation>
    </message>
    <message>
        <source>Exporting to %1</source>
        <translation>Экспорт в %1</translation>
    </message>
    <message>
        <source>Exported to %1.</source>
        <translation>Экспортировано в %1.</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>О&amp;бновить</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Основная</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>Пользователи</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>Журнал изменений</translation>
    </message>
    <message>
        <source>Performance</source>
        <translation>Показатели</translation>
    </message>
    <message>
        <source>Commissions</source>
        <translation>Комиссии</translation>
    </message>
    <message>
        <source>Catalog</source>
        <translation>Каталог</translation>
    </message>
    <message>
        <source>Stores</source>
        <translation>Магазины</translation>
    </message>
    <message>
        <source>Compensation plan</source>
        <translation>Маркетинг-план</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>&amp;Настройки</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Язык</translation>
    </message>
    <message>
        <source>The system&apos;s language</source>
        <translation>Язык системы</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Язык</translation>
    </message>
    <message>
        <source>The program will speak %1 from its next start.</source>
        <translation>Программа будет говорить на языке «%1» со следующего запуска.</translation>
    </message>
    <message>
        <source>&amp;Try again</source>
        <translation>&amp;Повторить</translation>
    </message>
    <message>
        <source>Trying again...</source>
        <translation>Повторная попытка...</translation>
    </message>
    <message>
        <source>Loading...</source>
        <translation>Загрузка...</translation>
    </message>
    <message>
        <source>Datasets are imported and exported at the database itself (mlmctl on the server&apos;s machine), not over the company&apos;s server.</source>
        <translation>Наборы данных импортируются и экспортируются непосредственно в базе данных (mlmctl на машине сервера), а не через сервер компании.</translation>
    </message>
    <message>
        <source>&lt;b&gt;No connection.&lt;/b&gt; %1. What is shown may be out of date; changes cannot be saved until the connection is back.</source>
        <translation>&lt;b&gt;Нет соединения.&lt;/b&gt; %1. Показанное может быть устаревшим; изменения нельзя сохранить, пока соединение не восстановится.</translation>
    </message>
    <message>
        <source>datasets are imported at the database itself</source>
        <translation>наборы данных импортируются непосредственно в базе данных</translation>
    </message>
    <message>
        <source>datasets are exported at the database itself</source>
        <translation>наборы данных экспортируются непосредственно из базы данных</translation>
    </message>
    <message>
        <source>Sign in again</source>
        <translation>Войти снова</translation>
    </message>
    <message>
        <source>The server ended your session (%1).
Password of %2:</source>
        <translation>Сервер завершил ваш сеанс (%1).
Пароль %2:</translation>
    </message>
    <message>
        <source>Not signed in: the pages cannot be read until you sign in again (View &gt; Refresh).</source>
        <translation>Вход не выполнен: страницы нельзя прочитать, пока вы снова не войдёте (Вид &gt; Обновить).</translation>
    </message>
    <message>
        <source>not signed in to a server</source>
        <translation>вход на сервер не выполнен</translation>
    </message>
    <message>
        <source>Signed in again</source>
        <translation>Вход выполнен снова</translation>
    </message>
</context>
<context>
    <name>mlm::MembersModel</name>
    <message>
        <source>Code</source>
        <translation>Код</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Имя</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Почта</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <source>Sponsor</source>
        <translation>Спонсор</translation>
    </message>
    <message>
        <source>Joined</source>
        <translation>Вступил</translation>
    </message>
</context>
<context>
    <name>mlm::MembersView</name>
    <message>
        <source>Change status...</source>
        <translation>Сменить статус...</translation>
    </message>
    <message>
        <source>Code, name or email begins with...</source>
        <translation>Код, имя или почта начинается с...</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>Все статусы</translation>
    </message>
    <message numerus="yes">
        <source>%n member(s)</source>
        <translation>
            <numerusform>%n участник</numerusform>
            <numerusform>%n участника</numerusform>
            <numerusform>%n участников</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;b&gt;Status history&lt;/b&gt;</source>
        <translation>&lt;b&gt;История статусов&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;i&gt;Select a member to see the details.&lt;/i&gt;</source>
        <translation>&lt;i&gt;Выберите участника, чтобы увидеть подробности.&lt;/i&gt;</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Код</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Почта</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Телефон</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>Страна</translation>
    </message>
    <message>
        <source>Sponsor</source>
        <translation>Спонсор</translation>
    </message>
    <message>
        <source>Joined</source>
        <translation>Вступил</translation>
    </message>
    <message>
        <source>No changes since joining</source>
        <translation>Без изменений со дня вступления</translation>
    </message>
    <message>
        <source>%1: %2 -&gt; %3
by %4: &quot;%5&quot;</source>
        <translation>%1: %2 -&gt; %3
%4: &quot;%5&quot;</translation>
    </message>
    <message>
        <source>The status of %1 was changed</source>
        <translation>Статус %1 изменён</translation>
    </message>
    <message>
        <source>Edit contact...</source>
        <translation>Изменить контакты...</translation>
    </message>
    <message>
        <source>The contact data of %1 were saved</source>
        <translation>Контактные данные %1 сохранены</translation>
    </message>
    <message>
        <source>Loading...</source>
        <translation>Загрузка...</translation>
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
        <translation>%1, %2, спонсор %3</translation>
    </message>
    <message>
        <source>no email</source>
        <translation>нет почты</translation>
    </message>
    <message>
        <source>none</source>
        <translation>нет</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Код</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Имя</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>Уровень</translation>
    </message>
    <message>
        <source>First line</source>
        <translation>Первая линия</translation>
    </message>
    <message>
        <source>Joined</source>
        <translation>Вступил</translation>
    </message>
    <message>
        <source>PV this month</source>
        <translation>PV за месяц</translation>
    </message>
    <message>
        <source>Downline</source>
        <translation>Структура</translation>
    </message>
    <message>
        <source>%1 (loading its first line...)</source>
        <translation>%1 (загружается первая линия...)</translation>
    </message>
</context>
<context>
    <name>mlm::NetworkView</name>
    <message>
        <source>&amp;Move to another sponsor...</source>
        <translation>&amp;Перенести к другому спонсору...</translation>
    </message>
    <message>
        <source>Find a member by code, email or name, then press Enter</source>
        <translation>Найдите участника по коду, почте или имени и нажмите Enter</translation>
    </message>
    <message>
        <source>Nobody found</source>
        <translation>Никто не найден</translation>
    </message>
    <message numerus="yes">
        <source>%n found; showing the first</source>
        <translation>
            <numerusform>Найден %n; показаны первые</numerusform>
            <numerusform>Найдено %n; показаны первые</numerusform>
            <numerusform>Найдено %n; показаны первые</numerusform>
        </translation>
    </message>
    <message>
        <source>Select a member first.</source>
        <translation>Сначала выберите участника.</translation>
    </message>
    <message>
        <source>%1 now sits under %2</source>
        <translation>%1 теперь стоит под %2</translation>
    </message>
    <message>
        <source>Move %1</source>
        <translation>Перенос %1</translation>
    </message>
    <message>
        <source>Code of the new sponsor of %1 (its whole downline moves with it):</source>
        <translation>Код нового спонсора для %1 (вся его структура переходит вместе с ним):</translation>
    </message>
</context>
<context>
    <name>mlm::OpenDatabaseDialog</name>
    <message>
        <source>Open a database - MLM Back Office</source>
        <translation>Открыть базу данных - MLM бэк-офис</translation>
    </message>
    <message>
        <source>&amp;Browse...</source>
        <translation>&amp;Обзор...</translation>
    </message>
    <message>
        <source>Open a database file</source>
        <translation>Открыть файл базы данных</translation>
    </message>
    <message>
        <source>Databases (*.db *.sqlite);;All files (*)</source>
        <translation>Базы данных (*.db *.sqlite);;Все файлы (*)</translation>
    </message>
    <message>
        <source>&amp;New file...</source>
        <translation>&amp;Новый файл...</translation>
    </message>
    <message>
        <source>New database file</source>
        <translation>Новый файл базы данных</translation>
    </message>
    <message>
        <source>Databases (*.db)</source>
        <translation>Базы данных (*.db)</translation>
    </message>
    <message>
        <source>Recent files:</source>
        <translation>Недавние файлы:</translation>
    </message>
    <message>
        <source>SQLite file</source>
        <translation>Файл SQLite</translation>
    </message>
    <message>
        <source>&amp;Host:</source>
        <translation>&amp;Сервер:</translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation>&amp;Порт:</translation>
    </message>
    <message>
        <source>&amp;Database:</source>
        <translation>&amp;База данных:</translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation>&amp;Пользователь:</translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation>Паро&amp;ль:</translation>
    </message>
    <message>
        <source>The password is not saved; it is asked for each time.</source>
        <translation>Пароль не сохраняется; он запрашивается каждый раз.</translation>
    </message>
    <message>
        <source>PostgreSQL server</source>
        <translation>Сервер PostgreSQL</translation>
    </message>
    <message>
        <source>Choose a file, or make a new one.</source>
        <translation>Выберите файл или создайте новый.</translation>
    </message>
    <message>
        <source>Host, database and user are needed.</source>
        <translation>Нужны сервер, база данных и пользователь.</translation>
    </message>
    <message>
        <source>Upgrading the database</source>
        <translation>Обновление базы данных</translation>
    </message>
    <message>
        <source>Upgrading the database (%1)</source>
        <translation>Обновление базы данных (%1)</translation>
    </message>
    <message>
        <source>empty: the certificate authorities of this computer</source>
        <translation>пусто: центры сертификации этого компьютера</translation>
    </message>
    <message>
        <source>B&amp;rowse...</source>
        <translation>О&amp;бзор...</translation>
    </message>
    <message>
        <source>The server&apos;s CA certificate</source>
        <translation>Сертификат ЦС сервера</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt);;All files (*)</source>
        <translation>Сертификаты (*.pem *.crt);;Все файлы (*)</translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation>&amp;Сервер:</translation>
    </message>
    <message>
        <source>User &amp;name:</source>
        <translation>&amp;Имя пользователя:</translation>
    </message>
    <message>
        <source>&amp;CA file:</source>
        <translation>Файл &amp;ЦС:</translation>
    </message>
    <message>
        <source>The address and the CA file (if you were given one) come from your company&apos;s administrator. Your password is asked when you sign in and never saved.</source>
        <translation>Адрес и файл ЦС (если вам его дали) вы получаете от администратора компании. Пароль запрашивается при входе и никогда не сохраняется.</translation>
    </message>
    <message>
        <source>Company server</source>
        <translation>Сервер компании</translation>
    </message>
    <message>
        <source>Your user name on the server is needed.</source>
        <translation>Нужно ваше имя пользователя на сервере.</translation>
    </message>
</context>
<context>
    <name>mlm::OrderEntryDialog</name>
    <message>
        <source>Already &amp;paid</source>
        <translation>Уже &amp;оплачен</translation>
    </message>
    <message>
        <source>New back-office order</source>
        <translation>Новый заказ бэк-офиса</translation>
    </message>
    <message>
        <source>Member code, then Enter</source>
        <translation>Код участника, затем Enter</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Товар</translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation>Цена за единицу</translation>
    </message>
    <message>
        <source>PV</source>
        <translation>PV</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Количество</translation>
    </message>
    <message>
        <source>Member:</source>
        <translation>Участник:</translation>
    </message>
    <message>
        <source>Enter order</source>
        <translation>Оформить заказ</translation>
    </message>
    <message>
        <source>%1, %2: prices of the %3 tier</source>
        <translation>%1, %2: цены уровня %3</translation>
    </message>
    <message>
        <source>Total: %1</source>
        <translation>Итого: %1</translation>
    </message>
    <message>
        <source>Choose the member who buys first.</source>
        <translation>Сначала выберите покупающего участника.</translation>
    </message>
    <message>
        <source>Looking up %1...</source>
        <translation>Поиск %1...</translation>
    </message>
</context>
<context>
    <name>mlm::OrdersModel</name>
    <message>
        <source>back office</source>
        <translation>бэк-офис</translation>
    </message>
    <message>
        <source>nobody</source>
        <translation>никто</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Заказ</translation>
    </message>
    <message>
        <source>Store</source>
        <translation>Магазин</translation>
    </message>
    <message>
        <source>Buyer</source>
        <translation>Покупатель</translation>
    </message>
    <message>
        <source>Credited to</source>
        <translation>Засчитан</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>Уровень</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Итого</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <source>Created (UTC)</source>
        <translation>Создан (UTC)</translation>
    </message>
    <message>
        <source>Loading...</source>
        <translation>Загрузка...</translation>
    </message>
</context>
<context>
    <name>mlm::OrdersView</name>
    <message>
        <source>Mark &amp;paid</source>
        <translation>Отметить как &amp;оплаченный</translation>
    </message>
    <message>
        <source>&amp;Cancel order</source>
        <translation>&amp;Отменить заказ</translation>
    </message>
    <message>
        <source>&amp;Refund...</source>
        <translation>&amp;Вернуть...</translation>
    </message>
    <message>
        <source>&amp;New back-office order...</source>
        <translation>&amp;Новый заказ бэк-офиса...</translation>
    </message>
    <message>
        <source>All stores</source>
        <translation>Все магазины</translation>
    </message>
    <message>
        <source>Back office</source>
        <translation>Бэк-офис</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>Любой статус</translation>
    </message>
    <message>
        <source>Member code</source>
        <translation>Код участника</translation>
    </message>
    <message>
        <source>&lt;i&gt;Select an order to see its lines.&lt;/i&gt;</source>
        <translation>&lt;i&gt;Выберите заказ, чтобы увидеть его позиции.&lt;/i&gt;</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Order %1&lt;/h3&gt;%2, %3&lt;br&gt;Total &lt;b&gt;%4&lt;/b&gt;, PV %5&lt;br&gt;Credited to %6</source>
        <translation>&lt;h3&gt;Заказ %1&lt;/h3&gt;%2, %3&lt;br&gt;Итого &lt;b&gt;%4&lt;/b&gt;, PV %5&lt;br&gt;Засчитан: %6</translation>
    </message>
    <message>
        <source>back office</source>
        <translation>бэк-офис</translation>
    </message>
    <message>
        <source>nobody</source>
        <translation>никто</translation>
    </message>
    <message>
        <source>Select an order first.</source>
        <translation>Сначала выберите заказ.</translation>
    </message>
    <message>
        <source>Order %1 is now %2</source>
        <translation>Заказ %1 теперь: %2</translation>
    </message>
    <message>
        <source>Refund order</source>
        <translation>Возврат заказа</translation>
    </message>
    <message>
        <source>Refund order %1 (%2)? Commissions already paid on it are clawed back.</source>
        <translation>Вернуть заказ %1 (%2)? Уже выплаченные по нему комиссии будут удержаны.</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Заказ</translation>
    </message>
    <message>
        <source>Order %1 entered</source>
        <translation>Заказ %1 оформлен</translation>
    </message>
    <message>
        <source>Orders: %L1</source>
        <translation>Заказов: %L1</translation>
    </message>
    <message>
        <source>Counting the orders...</source>
        <translation>Подсчёт заказов...</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Order %1&lt;/h3&gt;&lt;i&gt;Loading...&lt;/i&gt;</source>
        <translation>&lt;h3&gt;Заказ %1&lt;/h3&gt;&lt;i&gt;Загрузка...&lt;/i&gt;</translation>
    </message>
    <message>
        <source>%1 x %2 %3 at %4 = %5</source>
        <comment>quantity, SKU, product name, unit price, line total</comment>
        <translation>%1 x %2 %3 по %4 = %5</translation>
    </message>
</context>
<context>
    <name>mlm::PlanView</name>
    <message>
        <source>&amp;Compression</source>
        <translation>&amp;Компрессия</translation>
    </message>
    <message>
        <source>&amp;Retail profit</source>
        <translation>&amp;Розничная прибыль</translation>
    </message>
    <message>
        <source>&amp;Preview</source>
        <translation>&amp;Предпросмотр</translation>
    </message>
    <message>
        <source>&amp;Save plan...</source>
        <translation>&amp;Сохранить план...</translation>
    </message>
    <message>
        <source>Rate (%)</source>
        <translation>Ставка (%)</translation>
    </message>
    <message>
        <source>&amp;Add level</source>
        <translation>&amp;Добавить уровень</translation>
    </message>
    <message>
        <source>Remove &amp;last</source>
        <translation>Удалить &amp;последний</translation>
    </message>
    <message>
        <source>Level %1</source>
        <translation>Уровень %1</translation>
    </message>
    <message>
        <source>Paid as</source>
        <translation>Выплачено как</translation>
    </message>
    <message>
        <source>Saved plan</source>
        <translation>Сохранённый план</translation>
    </message>
    <message>
        <source>Edited plan</source>
        <translation>Изменённый план</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Разница</translation>
    </message>
    <message>
        <source>Save the plan</source>
        <translation>Сохранить план</translation>
    </message>
    <message>
        <source>Save this plan? It applies to every period not closed yet; closed periods keep the plan they were closed with.</source>
        <translation>Сохранить этот план? Он применяется ко всем ещё не закрытым периодам; закрытые периоды сохраняют план, с которым были закрыты.</translation>
    </message>
    <message>
        <source>Plan saved</source>
        <translation>План сохранён</translation>
    </message>
    <message>
        <source>Levels</source>
        <translation>Уровни</translation>
    </message>
    <message>
        <source>Level 1 is the buyer&apos;s sponsor. Each level pays its rate of the order&apos;s business volume (BV).</source>
        <translation>Уровень 1 — спонсор покупателя. Каждый уровень платит свою ставку от бизнес-объёма (BV) заказа.</translation>
    </message>
    <message>
        <source>&amp;Qualification PV:</source>
        <translation>&amp;Квалификационный PV:</translation>
    </message>
    <message>
        <source>A distributor earns level commissions in a month when its own personal volume reaches this.</source>
        <translation>Дистрибьютор получает комиссии по уровням за месяц, когда его личный объём достигает этого значения.</translation>
    </message>
    <message>
        <source>With compression, members who do not qualify are skipped: the next qualified upline takes their level.</source>
        <translation>При компрессии неквалифицированные участники пропускаются: их уровень занимает следующий квалифицированный вышестоящий.</translation>
    </message>
    <message>
        <source>The difference between the price a retail customer paid and the distributor price goes to the distributor credited.</source>
        <translation>Разницу между ценой, которую заплатил розничный клиент, и ценой дистрибьютора получает дистрибьютор, которому засчитан заказ.</translation>
    </message>
    <message>
        <source>Rules</source>
        <translation>Правила</translation>
    </message>
    <message>
        <source>Preview for the period:</source>
        <translation>Предпросмотр за период:</translation>
    </message>
    <message>
        <source>What the edited plan would pay (nothing is saved)</source>
        <translation>Что выплатил бы изменённый план (ничего не сохраняется)</translation>
    </message>
    <message>
        <source>level %1: &apos;%2&apos; is not a rate from 0 to 100 percent</source>
        <translation>уровень %1: &apos;%2&apos; — не ставка от 0 до 100 процентов</translation>
    </message>
    <message>
        <source>the qualification PV &apos;%1&apos; is not a number of points</source>
        <translation>квалификационный PV &apos;%1&apos; — не число баллов</translation>
    </message>
    <message>
        <source>Previewing %1</source>
        <translation>Предпросмотр %1</translation>
    </message>
    <message>
        <source>Retail profit</source>
        <translation>Розничная прибыль</translation>
    </message>
    <message>
        <source>Clawbacks</source>
        <translation>Удержания</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Итого</translation>
    </message>
    <message>
        <source>%1, amounts in %2: the saved plan pays %3 members, the edited plan %4.</source>
        <translation>%1, суммы в %2: сохранённый план платит участникам: %3, изменённый план: %4.</translation>
    </message>
    <message>
        <source>Save plan</source>
        <translation>Сохранить план</translation>
    </message>
    <message>
        <source>%1 (no paid orders)</source>
        <translation>%1 (нет оплаченных заказов)</translation>
    </message>
</context>
<context>
    <name>mlm::ProductDialog</name>
    <message>
        <source>For sale (active)</source>
        <translation>В продаже (активен)</translation>
    </message>
    <message>
        <source>New product</source>
        <translation>Новый товар</translation>
    </message>
    <message>
        <source>Product %1</source>
        <translation>Товар %1</translation>
    </message>
    <message>
        <source>e.g. VITA-30</source>
        <translation>напр. VITA-30</translation>
    </message>
    <message>
        <source>Points, e.g. %1</source>
        <translation>Баллы, напр. %1</translation>
    </message>
    <message>
        <source>Commissionable amount in %1</source>
        <translation>Сумма для комиссий в %1</translation>
    </message>
    <message>
        <source>Price in %1; other tiers are set in the grid</source>
        <translation>Цена в %1; остальные уровни задаются в таблице</translation>
    </message>
    <message>
        <source>&amp;SKU:</source>
        <translation>&amp;Артикул:</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Название:</translation>
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
        <translation>&amp;Розничная цена (%1):</translation>
    </message>
    <message>
        <source>Add product</source>
        <translation>Добавить товар</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Сохранить</translation>
    </message>
    <message>
        <source>PV must be a number of points like %1 or 0</source>
        <translation>PV должен быть числом баллов вида %1 или 0</translation>
    </message>
    <message>
        <source>BV must be an amount like %1 or 0</source>
        <translation>BV должен быть суммой вида %1 или 0</translation>
    </message>
    <message>
        <source>the retail price must be an amount like %1</source>
        <translation>розничная цена должна быть суммой вида %1</translation>
    </message>
</context>
<context>
    <name>mlm::ServerSignInDialog</name>
    <message>
        <source>Company server: %1</source>
        <translation>Сервер компании: %1</translation>
    </message>
    <message>
        <source>Certificate changed</source>
        <translation>Сертификат изменился</translation>
    </message>
    <message>
        <source>&lt;b&gt;The server %1 presents another certificate than the one you trusted for it.&lt;/b&gt;&lt;p&gt;Someone may be posing as your company&apos;s server. Do not sign in: ask your administrator whether the server&apos;s certificate was replaced.&lt;/p&gt;&lt;p&gt;Now: %2&lt;br&gt;Trusted: %3&lt;/p&gt;</source>
        <translation>&lt;b&gt;Сервер %1 предъявляет другой сертификат, чем тот, которому вы для него доверяли.&lt;/b&gt;&lt;p&gt;Возможно, кто-то выдаёт себя за сервер вашей компании. Не входите: спросите администратора, заменён ли сертификат сервера.&lt;/p&gt;&lt;p&gt;Сейчас: %2&lt;br&gt;Доверенный: %3&lt;/p&gt;</translation>
    </message>
    <message>
        <source>the server&apos;s certificate changed since you trusted it (now %1): not signed in</source>
        <translation>сертификат сервера изменился с тех пор, как вы ему доверились (теперь %1): вход не выполнен</translation>
    </message>
    <message>
        <source>Unknown certificate</source>
        <translation>Неизвестный сертификат</translation>
    </message>
    <message>
        <source>&lt;b&gt;The certificate of %1 cannot be verified&lt;/b&gt; (%2).&lt;p&gt;Its SHA-256 fingerprint is&lt;br&gt;&lt;tt&gt;%3&lt;/tt&gt;&lt;/p&gt;&lt;p&gt;Issued to %4 by %5, valid until %6. Compare the fingerprint with the one your administrator gave you. Trust exactly this certificate for this server from now on?&lt;/p&gt;</source>
        <translation>&lt;b&gt;Сертификат %1 не удаётся проверить&lt;/b&gt; (%2).&lt;p&gt;Его отпечаток SHA-256:&lt;br&gt;&lt;tt&gt;%3&lt;/tt&gt;&lt;/p&gt;&lt;p&gt;Выдан %4, издатель %5, действителен до %6. Сравните отпечаток с тем, что дал вам администратор. Доверять именно этому сертификату для этого сервера впредь?&lt;/p&gt;</translation>
    </message>
    <message>
        <source>the server&apos;s certificate (%1) is not trusted: not signed in</source>
        <translation>сертификату сервера (%1) нет доверия: вход не выполнен</translation>
    </message>
    <message>
        <source>Trust this certificate</source>
        <translation>Доверять этому сертификату</translation>
    </message>
</context>
<context>
    <name>mlm::SignInDialog</name>
    <message>
        <source>Sign in - MLM Back Office</source>
        <translation>Вход - MLM бэк-офис</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Sign in&lt;/h3&gt;</source>
        <translation>&lt;h3&gt;Вход&lt;/h3&gt;</translation>
    </message>
    <message>
        <source>Database: %1</source>
        <translation>База данных: %1</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>&amp;Имя пользователя:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Пароль:</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Войти</translation>
    </message>
</context>
<context>
    <name>mlm::StatementDialog</name>
    <message>
        <source>Level commission</source>
        <translation>Комиссия за уровень</translation>
    </message>
    <message>
        <source>Retail profit</source>
        <translation>Розничная прибыль</translation>
    </message>
    <message>
        <source>Clawback</source>
        <translation>Удержание</translation>
    </message>
    <message>
        <source>back office</source>
        <translation>бэк-офис</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Вид</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>Уровень</translation>
    </message>
    <message>
        <source>Rate</source>
        <translation>Ставка</translation>
    </message>
    <message>
        <source>Store</source>
        <translation>Магазин</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Заказ</translation>
    </message>
    <message>
        <source>Base</source>
        <translation>База</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Сумма</translation>
    </message>
    <message>
        <source>Statement of %1 for %2</source>
        <translation>Выписка %1 за %2</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; (%2), %3, %4&lt;br&gt;Personal volume %5 PV, %6. Total &lt;b&gt;%7 %8&lt;/b&gt;.</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; (%2), %3, %4&lt;br&gt;Личный объём %5 PV, %6. Итого &lt;b&gt;%7 %8&lt;/b&gt;.</translation>
    </message>
    <message>
        <source>closed period</source>
        <translation>период закрыт</translation>
    </message>
    <message>
        <source>open period: amounts may still change</source>
        <translation>период открыт: суммы ещё могут измениться</translation>
    </message>
    <message>
        <source>qualified</source>
        <translation>квалифицирован</translation>
    </message>
    <message>
        <source>not qualified</source>
        <translation>не квалифицирован</translation>
    </message>
    <message>
        <source>&amp;Print...</source>
        <translation>&amp;Печать...</translation>
    </message>
    <message>
        <source>Save &amp;PDF...</source>
        <translation>Сохранить &amp;PDF...</translation>
    </message>
    <message>
        <source>Save &amp;CSV...</source>
        <translation>Сохранить &amp;CSV...</translation>
    </message>
    <message>
        <source>Save statement as PDF</source>
        <translation>Сохранить выписку в PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>Файлы PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Save statement as CSV</source>
        <translation>Сохранить выписку в CSV</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Файлы CSV (*.csv)</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Commission statement&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;Выписка по комиссиям&lt;/h2&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;%1&lt;/b&gt; (%2)&lt;br&gt;Period %3 (%4)&lt;br&gt;Personal volume %5 PV, %6&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;%1&lt;/b&gt; (%2)&lt;br&gt;Период %3 (%4)&lt;br&gt;Личный объём %5 PV, %6&lt;/p&gt;</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>закрыт</translation>
    </message>
    <message>
        <source>open: amounts may still change</source>
        <translation>открыт: суммы ещё могут измениться</translation>
    </message>
    <message>
        <source>&lt;p&gt;Retail profit %1, levels %2, clawbacks %3.&lt;br&gt;&lt;b&gt;Total %4 %5&lt;/b&gt;&lt;/p&gt;</source>
        <translation>&lt;p&gt;Розничная прибыль %1, уровни %2, удержания %3.&lt;br&gt;&lt;b&gt;Итого %4 %5&lt;/b&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>не удаётся записать %1: %2</translation>
    </message>
    <message>
        <source>&lt; Pre&amp;vious</source>
        <translation>&lt; &amp;Назад</translation>
    </message>
    <message>
        <source>&amp;Next &gt;</source>
        <translation>&amp;Далее &gt;</translation>
    </message>
    <message>
        <source>A statement of more than one page is saved as CSV.</source>
        <translation>Выписка длиннее одной страницы сохраняется в CSV.</translation>
    </message>
    <message>
        <source>Lines %1-%2 of %3</source>
        <translation>Строки %1-%2 из %3</translation>
    </message>
    <message>
        <source>the statement&apos;s other lines cannot be read</source>
        <translation>остальные строки выписки прочитать нельзя</translation>
    </message>
</context>
<context>
    <name>mlm::StatusChangeDialog</name>
    <message>
        <source>Change the status of %1</source>
        <translation>Смена статуса %1</translation>
    </message>
    <message>
        <source>Why? It is kept in the member&apos;s history</source>
        <translation>Почему? Причина сохраняется в истории участника</translation>
    </message>
    <message>
        <source>%1 (%2) is now &lt;b&gt;%3&lt;/b&gt;.</source>
        <translation>%1 (%2) теперь &lt;b&gt;%3&lt;/b&gt;.</translation>
    </message>
    <message>
        <source>New &amp;status:</source>
        <translation>Новый &amp;статус:</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>&amp;Причина:</translation>
    </message>
    <message>
        <source>Change status</source>
        <translation>Сменить статус</translation>
    </message>
</context>
<context>
    <name>mlm::StoresView</name>
    <message>
        <source>Code</source>
        <translation>Код</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Название</translation>
    </message>
    <message>
        <source>Scenario</source>
        <translation>Сценарий</translation>
    </message>
    <message>
        <source>&amp;Save store</source>
        <translation>&amp;Сохранить магазин</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Ключ</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Метка</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Создан</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Состояние</translation>
    </message>
    <message>
        <source>&amp;Create key...</source>
        <translation>&amp;Создать ключ...</translation>
    </message>
    <message>
        <source>&amp;Revoke key</source>
        <translation>&amp;Отозвать ключ</translation>
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
        <translation>Код участника; покупатели без ссылки встают под него</translation>
    </message>
    <message>
        <source>Store saved</source>
        <translation>Магазин сохранён</translation>
    </message>
    <message>
        <source>&amp;New store</source>
        <translation>&amp;Новый магазин</translation>
    </message>
    <message>
        <source>New API key</source>
        <translation>Новый API-ключ</translation>
    </message>
    <message>
        <source>A label for the key (who or what will use it):</source>
        <translation>Метка ключа (кто или что будет им пользоваться):</translation>
    </message>
    <message>
        <source>This is the whole key. Copy it now: it is shown only once and cannot be read again.</source>
        <translation>Это ключ целиком. Скопируйте его сейчас: он показывается только один раз и больше не может быть прочитан.</translation>
    </message>
    <message>
        <source>Copy key</source>
        <translation>Копировать ключ</translation>
    </message>
    <message>
        <source>Revoke API key</source>
        <translation>Отозвать API-ключ</translation>
    </message>
    <message>
        <source>Revoke the key %1? Requests with it are refused from now on; this cannot be undone.</source>
        <translation>Отозвать ключ %1? Запросы с ним будут отклоняться с этого момента; это нельзя отменить.</translation>
    </message>
    <message>
        <source>C&amp;ode:</source>
        <translation>&amp;Код:</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Название:</translation>
    </message>
    <message>
        <source>&amp;Base URL:</source>
        <translation>&amp;Базовый URL:</translation>
    </message>
    <message>
        <source>S&amp;cenario:</source>
        <translation>С&amp;ценарий:</translation>
    </message>
    <message>
        <source>&amp;Link template:</source>
        <translation>&amp;Шаблон ссылки:</translation>
    </message>
    <message>
        <source>Example link:</source>
        <translation>Пример ссылки:</translation>
    </message>
    <message>
        <source>&amp;Default sponsor:</source>
        <translation>Спонсор по &amp;умолчанию:</translation>
    </message>
    <message>
        <source>&amp;Pinned tier:</source>
        <translation>&amp;Закреплённый уровень:</translation>
    </message>
    <message>
        <source>Store</source>
        <translation>Магазин</translation>
    </message>
    <message>
        <source>A store&apos;s server sends its key with every API request.</source>
        <translation>Сервер магазина передаёт свой ключ с каждым запросом к API.</translation>
    </message>
    <message>
        <source>API keys of this store</source>
        <translation>API-ключи этого магазина</translation>
    </message>
    <message>
        <source>None: each buyer&apos;s own tier</source>
        <translation>Нет: собственный уровень каждого покупателя</translation>
    </message>
    <message>
        <source>(no template: the store makes no referral links)</source>
        <translation>(нет шаблона: магазин не создаёт реферальных ссылок)</translation>
    </message>
    <message>
        <source>The template must contain {code}, where each link&apos;s code goes.</source>
        <translation>Шаблон должен содержать {code} — место для кода каждой ссылки.</translation>
    </message>
    <message>
        <source>revoked %1</source>
        <translation>отозван %1</translation>
    </message>
    <message>
        <source>active</source>
        <translation>активен</translation>
    </message>
    <message>
        <source>Save the store first.</source>
        <translation>Сначала сохраните магазин.</translation>
    </message>
    <message>
        <source>API key %1 created</source>
        <translation>API-ключ %1 создан</translation>
    </message>
    <message>
        <source>Select a key first.</source>
        <translation>Сначала выберите ключ.</translation>
    </message>
    <message>
        <source>API key %1 revoked</source>
        <translation>API-ключ %1 отозван</translation>
    </message>
    <message>
        <source>Revoke key</source>
        <translation>Отозвать ключ</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>Скопировано</translation>
    </message>
</context>
<context>
    <name>mlm::TierDialog</name>
    <message>
        <source>New price tier</source>
        <translation>Новый ценовой уровень</translation>
    </message>
    <message>
        <source>e.g. vip (a-z, 0-9 and _)</source>
        <translation>напр. vip (a-z, 0-9 и _)</translation>
    </message>
    <message>
        <source>e.g. VIP customers</source>
        <translation>напр. VIP-клиенты</translation>
    </message>
    <message>
        <source>&amp;Code:</source>
        <translation>&amp;Код:</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Название:</translation>
    </message>
    <message>
        <source>Until a product gets a price in the new tier, buyers in it pay the retail price. A store can pin its buyers to a tier.</source>
        <translation>Пока у товара нет цены на новом уровне, покупатели этого уровня платят розничную цену. Магазин может закрепить своих покупателей за уровнем.</translation>
    </message>
    <message>
        <source>Add tier</source>
        <translation>Добавить уровень</translation>
    </message>
</context>
<context>
    <name>mlm::UserDialog</name>
    <message>
        <source>The member this distributor is</source>
        <translation>Участник, которым является этот дистрибьютор</translation>
    </message>
    <message>
        <source>At least %1 characters</source>
        <translation>Не меньше %1 символов</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>&amp;Имя пользователя:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Пароль:</translation>
    </message>
    <message>
        <source>&amp;Repeat it:</source>
        <translation>&amp;Повторите:</translation>
    </message>
    <message>
        <source>R&amp;ole:</source>
        <translation>Р&amp;оль:</translation>
    </message>
    <message>
        <source>&amp;Member:</source>
        <translation>&amp;Участник:</translation>
    </message>
    <message>
        <source>New user</source>
        <translation>Новый пользователь</translation>
    </message>
    <message>
        <source>Add user</source>
        <translation>Добавить пользователя</translation>
    </message>
    <message>
        <source>Role of %1</source>
        <translation>Роль %1</translation>
    </message>
    <message>
        <source>Change role</source>
        <translation>Сменить роль</translation>
    </message>
    <message>
        <source>New password for %1</source>
        <translation>Новый пароль для %1</translation>
    </message>
    <message>
        <source>Set password</source>
        <translation>Задать пароль</translation>
    </message>
    <message>
        <source>the two passwords differ</source>
        <translation>пароли не совпадают</translation>
    </message>
</context>
<context>
    <name>mlm::UsersView</name>
    <message>
        <source>&amp;Add user...</source>
        <translation>&amp;Добавить пользователя...</translation>
    </message>
    <message>
        <source>Change &amp;role...</source>
        <translation>Сменить &amp;роль...</translation>
    </message>
    <message>
        <source>Set &amp;password...</source>
        <translation>Задать &amp;пароль...</translation>
    </message>
    <message>
        <source>&amp;Disable</source>
        <translation>&amp;Отключить</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Пользователь</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Роль</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>Участник</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Состояние</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>С</translation>
    </message>
    <message>
        <source>Disable user</source>
        <translation>Отключить пользователя</translation>
    </message>
    <message>
        <source>Disable %1? The account stays, but cannot sign in until it is enabled again.</source>
        <translation>Отключить %1? Учётная запись сохранится, но войти будет нельзя, пока её снова не включат.</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>Пользователи</translation>
    </message>
    <message>
        <source>active</source>
        <translation>активен</translation>
    </message>
    <message>
        <source>disabled</source>
        <translation>отключён</translation>
    </message>
    <message>
        <source>&amp;Enable</source>
        <translation>&amp;Включить</translation>
    </message>
    <message>
        <source>Select a user first.</source>
        <translation>Сначала выберите пользователя.</translation>
    </message>
    <message>
        <source>%1 may sign in again</source>
        <translation>%1 снова может входить</translation>
    </message>
    <message>
        <source>%1 is disabled</source>
        <translation>%1 отключён</translation>
    </message>
    <message>
        <source>Users saved</source>
        <translation>Пользователи сохранены</translation>
    </message>
    <message>
        <source>You are signed in as this user: another administrator can disable it.</source>
        <translation>Вы вошли как этот пользователь: отключить его может другой администратор.</translation>
    </message>
</context>
<context>
    <name>mlm_server</name>
    <message>
        <source>the database %1 is at schema version %2, this server needs %3: run mlmctl --db URL init first</source>
        <translation>у базы данных %1 версия схемы %2, а этому серверу нужна %3: сначала выполните mlmctl --db URL init</translation>
    </message>
    <message>
        <source>cannot share the listening socket: %1</source>
        <translation>не удаётся разделить слушающий сокет: %1</translation>
    </message>
    <message>
        <source>mlm-server: at most %1 connections: the limit of open files is %2 (LimitNOFILE, ulimit -n)</source>
        <translation>mlm-server: не более %1 соединений: предел открытых файлов — %2 (LimitNOFILE, ulimit -n)</translation>
    </message>
    <message>
        <source>HTTPS</source>
        <translation>HTTPS</translation>
    </message>
    <message>
        <source>plain HTTP on loopback</source>
        <translation>обычный HTTP на loopback</translation>
    </message>
    <message>
        <source>plain HTTP, allowed by --allow-plain-http: a TLS-terminating proxy must be in front</source>
        <translation>обычный HTTP, разрешён --allow-plain-http: перед сервером должен стоять прокси, завершающий TLS</translation>
    </message>
    <message>
        <source>mlm-server: listening on %1://%2:%3 (%4; %5 threads, database %6)</source>
        <translation>mlm-server: принимает запросы на %1://%2:%3 (%4; потоков: %5, база данных %6)</translation>
    </message>
</context>
<context>
    <name>mlmctl</name>
    <message>
        <source>option --%1 needs a value</source>
        <translation>параметру --%1 нужно значение</translation>
    </message>
    <message>
        <source>--%1 must be a whole number of at least %2, not &apos;%3&apos;</source>
        <translation>--%1 должно быть целым числом не меньше %2, а не &apos;%3&apos;</translation>
    </message>
    <message>
        <source>import failed, nothing was changed: %1</source>
        <translation>импорт не удался, ничего не изменено: %1</translation>
    </message>
    <message>
        <source>imported %1 members, %2 products, %3 stores, %4 links, %5 customers, %6 orders</source>
        <translation>импортировано: участников %1, товаров %2, магазинов %3, ссылок %4, клиентов %5, заказов %6</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>не удаётся записать %1: %2</translation>
    </message>
    <message>
        <source>database %1 is at schema version %2</source>
        <translation>у базы данных %1 версия схемы %2</translation>
    </message>
    <message>
        <source>database: %1, schema version %2</source>
        <translation>база данных: %1, версия схемы %2</translation>
    </message>
    <message>
        <source>currency: %1</source>
        <translation>валюта: %1</translation>
    </message>
    <message>
        <source>not set</source>
        <translation>не задана</translation>
    </message>
    <message>
        <source>products: %1</source>
        <translation>товаров: %1</translation>
    </message>
    <message>
        <source>stores: %1</source>
        <translation>магазины: %1</translation>
    </message>
    <message>
        <source>none</source>
        <translation>нет</translation>
    </message>
    <message>
        <source>orders: %1</source>
        <translation>заказов: %1</translation>
    </message>
    <message>
        <source>paid between %1 and %2</source>
        <translation>оплачены между %1 и %2</translation>
    </message>
    <message>
        <source>usage: mlmctl --db URL import FILE.json</source>
        <translation>использование: mlmctl --db URL import ФАЙЛ.json</translation>
    </message>
    <message>
        <source>usage: mlmctl --db URL export FILE.json</source>
        <translation>использование: mlmctl --db URL export ФАЙЛ.json</translation>
    </message>
    <message>
        <source>export failed: %1</source>
        <translation>экспорт не удался: %1</translation>
    </message>
    <message>
        <source>usage: mlmctl --db URL order refund --store CODE --external-id ID --at ISO8601</source>
        <translation>использование: mlmctl --db URL order refund --store КОД --external-id ID --at ISO8601</translation>
    </message>
    <message>
        <source>--at &apos;%1&apos; is not an ISO 8601 date-time such as 2026-10-05T12:00:00Z</source>
        <translation>--at &apos;%1&apos; — не дата и время ISO 8601 вида 2026-10-05T12:00:00Z</translation>
    </message>
    <message>
        <source>order %1 refunded at %2</source>
        <translation>заказ %1 возвращён %2</translation>
    </message>
    <message>
        <source>unknown command &apos;%1&apos;; see mlmctl --help</source>
        <translation>неизвестная команда &apos;%1&apos;; см. mlmctl --help</translation>
    </message>
    <message>
        <source>--period &apos;%1&apos; is not a month such as 2026-10</source>
        <translation>--period &apos;%1&apos; — не месяц вида 2026-10</translation>
    </message>
    <message>
        <source>--format &apos;%1&apos; is not json or csv</source>
        <translation>--format &apos;%1&apos; — не json и не csv</translation>
    </message>
    <message>
        <source>usage: mlmctl --db URL commissions statement --period YYYY-MM --member CODE</source>
        <translation>использование: mlmctl --db URL commissions statement --period ГГГГ-ММ --member КОД</translation>
    </message>
    <message>
        <source>unknown command &apos;commissions %1&apos;; see mlmctl --help</source>
        <translation>неизвестная команда &apos;commissions %1&apos;; см. mlmctl --help</translation>
    </message>
    <message>
        <source>usage: mlmctl --db URL store key create --store CODE [--label TEXT]</source>
        <translation>использование: mlmctl --db URL store key create --store КОД [--label ТЕКСТ]</translation>
    </message>
    <message>
        <source>API key %1 (id %2) for store %3: keep it now, it is not shown again</source>
        <translation>API-ключ %1 (id %2) для магазина %3: сохраните его сейчас, больше он не покажется</translation>
    </message>
    <message>
        <source>API key %1 revoked</source>
        <translation>API-ключ %1 отозван</translation>
    </message>
    <message>
        <source>unknown command &apos;store %1&apos;; see mlmctl --help</source>
        <translation>неизвестная команда &apos;store %1&apos;; см. mlmctl --help</translation>
    </message>
    <message>
        <source>usage: mlmctl user list | user add NAME --role admin|support|distributor [--member CODE] | user passwd NAME | user disable NAME | user enable NAME</source>
        <translation>использование: mlmctl user list | user add ИМЯ --role admin|support|distributor [--member КОД] | user passwd ИМЯ | user disable ИМЯ | user enable ИМЯ</translation>
    </message>
    <message>
        <source>--role must be admin, support or distributor</source>
        <translation>--role должна быть admin, support или distributor</translation>
    </message>
    <message>
        <source>Password for %1: </source>
        <translation>Пароль для %1: </translation>
    </message>
    <message>
        <source>user %1 added (%2)</source>
        <translation>пользователь %1 добавлен (%2)</translation>
    </message>
    <message>
        <source>New password for %1: </source>
        <translation>Новый пароль для %1: </translation>
    </message>
    <message>
        <source>password of %1 changed</source>
        <translation>пароль %1 изменён</translation>
    </message>
    <message>
        <source>user %1 enabled</source>
        <translation>пользователь %1 включён</translation>
    </message>
    <message>
        <source>user %1 disabled</source>
        <translation>пользователь %1 отключён</translation>
    </message>
    <message>
        <source>unknown command &apos;user %1&apos;; see mlmctl --help</source>
        <translation>неизвестная команда &apos;user %1&apos;; см. mlmctl --help</translation>
    </message>
    <message>
        <source>demo company created in %1: %2 members, %3 orders; users admin, support and distributor (passwords admin-demo, support-demo, distributor-demo)</source>
        <translation>демонстрационная компания создана в %1: участников %2, заказов %3; пользователи admin, support и distributor (пароли admin-demo, support-demo, distributor-demo)</translation>
    </message>
    <message>
        <source>--today must be a date YYYY-MM-DD, not &apos;%1&apos;</source>
        <translation>--today должен быть датой ГГГГ-ММ-ДД, а не &apos;%1&apos;</translation>
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
        <translation>Использование: mlmctl [--db URL] КОМАНДА ...

URL: sqlite:///абс/путь.db, sqlite:относительный.db или postgresql://user:pass@host:port/dbname
     (по умолчанию: $MLM_DB, иначе файл SQLite в папке данных пользователя)

Команды:
  init                                  создать или обновить схему
  info                                  что содержит база данных: участники, магазины, заказы
  import FILE.json [--progress]         загрузить файл данных целиком или не загружать ничего
  export FILE.json                      записать всю базу данных в файл данных (- для stdout)
  order refund --store CODE --external-id ID --at ISO8601
                                        вернуть оплаченный заказ (магазин - — это бэк-офис)
  commissions run --period YYYY-MM [--close] [--format json|csv]
                                        рассчитать комиссии за месяц (предпросмотр или закрытие с --close)
  commissions show --period YYYY-MM [--format json|csv]
                                        сохранённый расчёт закрытого месяца
  commissions statement --period YYYY-MM --member CODE
                                        каждый заказ, принёсший участнику выплату в этом месяце, с уровнем и ставкой
  store list                            магазины со сценарием и шаблоном ссылки
  store key create --store CODE [--label TEXT]
                                        создать API-ключ для магазина; он печатается один раз и больше никогда
  store key list [--store CODE]         API-ключи (id, префикс, магазин, метка, создан, отозван)
  store key revoke ID|PREFIX            немедленно отозвать API-ключ
  user list                             пользователи настольной программы, их роли и участники
  user add NAME --role admin|support|distributor [--member CODE]
                                        добавить пользователя; пароль читается со стандартного ввода
  user passwd NAME                      задать новый пароль (со стандартного ввода)
  user disable NAME | user enable NAME  запретить или разрешить пользователю вход
  demo [--today ГГГГ-ММ-ДД]             создать демонстрационную компанию, её год заканчивается сегодня
                                        (нужна пустая база данных)
  seed --members N --orders M [--months K] [--seed S] [--last-period YYYY-MM] [--out FILE.json]
                                        записать синтетическую компанию в файл данных
  --as USER                             import, export, order, commissions, store и user действуют от имени этого
                                        пользователя программы, с правами его роли (иначе: администратор)
  --version, --help
</translation>
    </message>
    <message>
        <source>the user %1 is disabled</source>
        <translation>пользователь %1 отключён</translation>
    </message>
    <message>
        <source>unknown option --%1 (mlmctl --help lists them)</source>
        <translation>неизвестный параметр --%1 (их список: mlmctl --help)</translation>
    </message>
</context>
</TS>

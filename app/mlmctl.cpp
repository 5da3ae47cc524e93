// mlmctl: the back office on the command line (SPEC 8). Thin: every rule lives in mlmcore.
#include "auth/ApiKeys.h"
#include "auth/Users.h"
#include "compensation/CommissionReport.h"
#include "compensation/CommissionRuns.h"
#include "dataset/DatasetExporter.h"
#include "dataset/DatasetImporter.h"
#include "dataset/DemoCompany.h"
#include "dataset/SyntheticCompany.h"
#include "domain/UtcTime.h"
#include "i18n/Translations.h"
#include "office/Session.h"
#include "orders/Orders.h"
#include "reports/CompanySummary.h"
#include "storage/Database.h"
#include "stores/Stores.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QHash>
#include <QLoggingCategory>
#include <QStringList>
#include <QTextStream>

#include <cstdio>
#include <termios.h>
#include <unistd.h>

using namespace mlm;

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(mlmctl)
};

/// The words of a command line: positional words and --options with a value (or none, for flags).
struct Arguments
{
    QStringList words;
    QHash<QString, QString> options;

    QString option(const QString &name) const { return options.value(name); }
    bool has(const QString &name) const { return options.contains(name); }
};

const QStringList kFlags{QStringLiteral("progress"), QStringLiteral("close"), QStringLiteral("help"),
                         QStringLiteral("version")};
/// The options with a value: any other --word is a mistake (a misspelt --period would run the wrong month).
const QStringList kOptions{
    QStringLiteral("as"),     QStringLiteral("at"),          QStringLiteral("db"),     QStringLiteral("external-id"),
    QStringLiteral("format"), QStringLiteral("label"),       QStringLiteral("member"), QStringLiteral("members"),
    QStringLiteral("months"), QStringLiteral("last-period"), QStringLiteral("orders"), QStringLiteral("out"),
    QStringLiteral("period"), QStringLiteral("role"),        QStringLiteral("seed"),   QStringLiteral("store"),
    QStringLiteral("today")};

Result<Arguments> parseArguments(const QStringList &args)
{
    Arguments result;
    for (qsizetype i = 1; i < args.size(); ++i) {
        const QString &arg = args.at(i);
        if (!arg.startsWith(QStringLiteral("--")) || arg == QStringLiteral("--")) {
            result.words << arg;
            continue;
        }
        QString name = arg.mid(2);
        QString value;
        if (const qsizetype eq = name.indexOf(u'='); eq >= 0) {
            value = name.mid(eq + 1);
            name = name.left(eq);
        }
        if (!kFlags.contains(name) && !kOptions.contains(name))
            return makeError(ErrorCode::InvalidArgument,
                             Tr::tr("unknown option --%1 (mlmctl --help lists them)").arg(name.left(40)));
        if (!arg.contains(u'=') && !kFlags.contains(name)) {
            if (i + 1 >= args.size())
                return makeError(ErrorCode::InvalidArgument, Tr::tr("option --%1 needs a value").arg(name));
            value = args.at(++i);
        }
        result.options.insert(name, value);
    }
    return result;
}

int fail(const QString &message, int code = 1)
{
    std::fprintf(stderr, "mlmctl: %s\n", qUtf8Printable(message.simplified()));
    return code;
}

void say(const QString &text)
{
    std::fprintf(stdout, "%s\n", qUtf8Printable(text));
}

const char *const kUsage = QT_TRANSLATE_NOOP(
    "mlmctl",
    "Usage: mlmctl [--db URL] COMMAND ...\n"
    "\n"
    "URL: sqlite:///abs/path.db, sqlite:relative.db or postgresql://user:pass@host:port/dbname\n"
    "     (default: $MLM_DB, else a SQLite file in the user's data folder)\n"
    "\n"
    "Commands:\n"
    "  init                                  create or upgrade the schema\n"
    "  info                                  what the database holds: members, stores, orders\n"
    "  import FILE.json [--progress]         load a dataset file, all or nothing\n"
    "  export FILE.json                      write the whole database as a dataset file (- for stdout)\n"
    "  order refund --store CODE --external-id ID --at ISO8601\n"
    "                                        refund a paid order (store - is the back office)\n"
    "  commissions run --period YYYY-MM [--close] [--format json|csv]\n"
    "                                        compute a month's commissions (a preview, or --close it for good)\n"
    "  commissions show --period YYYY-MM [--format json|csv]\n"
    "                                        the stored run of a closed month\n"
    "  commissions statement --period YYYY-MM --member CODE\n"
    "                                        every order that paid a member that month, with level and rate\n"
    "  store list                            the stores with their scenario and link template\n"
    "  store key create --store CODE [--label TEXT]\n"
    "                                        make an API key for a store; it is printed once, never again\n"
    "  store key list [--store CODE]         the API keys (id, prefix, store, label, created, revoked)\n"
    "  store key revoke ID|PREFIX            revoke an API key at once\n"
    "  user list                             the users of the desktop program, their role and member\n"
    "  user add NAME --role admin|support|distributor [--member CODE]\n"
    "                                        add a user; the password is read from standard input\n"
    "  user passwd NAME                      set a new password (read from standard input)\n"
    "  user disable NAME | user enable NAME  refuse or allow a user's sign-in\n"
    "  demo [--today YYYY-MM-DD]             create the demo company, its year ending today (an empty database\n"
    "                                        is expected)\n"
    "  seed --members N --orders M [--months K] [--seed S] [--last-period YYYY-MM] [--out FILE.json]\n"
    "                                        write a synthetic company as a dataset file\n"
    "  --as USER                             import, export, order, commissions, store and user act as that user\n"
    "                                        of the program, with its role's rights (default: an administrator)\n"
    "  --version, --help\n");

Result<std::unique_ptr<Database>> openMigrated(const QString &url)
{
    auto db = Database::open(url);
    if (!db)
        return db;
    MLM_TRY(db.value()->migrate());
    return db;
}

Result<qint64> positiveNumber(const Arguments &args, const QString &name, qint64 fallback, qint64 min)
{
    if (!args.has(name))
        return fallback;
    bool ok = false;
    const qint64 n = args.option(name).toLongLong(&ok);
    if (!ok || n < min)
        return makeError(
            ErrorCode::InvalidArgument,
            Tr::tr("--%1 must be a whole number of at least %2, not '%3'").arg(name).arg(min).arg(args.option(name)));
    return n;
}

Actor cliActor()
{
    QString user = qEnvironmentVariable("USER");
    return Actor{QStringLiteral("cli:") + (user.isEmpty() ? QStringLiteral("unknown") : user)};
}

/// Whom a command acts for, through the same checks as at the desktop (core's Session): with --as NAME that user,
/// with its role's rights and scope (for scripts of support staff, say); otherwise the maintenance administrator,
/// who holds the database's credentials anyway. The audit log names mlmctl either way.
Result<std::unique_ptr<Session>> personFor(Database &db, const Arguments &args)
{
    const Actor cli = cliActor();
    if (!args.has(QStringLiteral("as")))
        return std::make_unique<Session>(db, User{0, cli.name, Role::Admin, 0, {}, true, 0}, cli);
    auto user = Users(db).byName(args.option(QStringLiteral("as")));
    if (!user)
        return user.error().prefixed(QStringLiteral("--as"));
    if (!user->active)
        return makeError(ErrorCode::PermissionDenied, Tr::tr("the user %1 is disabled").arg(user->username));
    return std::make_unique<Session>(db, user.value(), Actor{cli.name + QStringLiteral(" as ") + user->username});
}

/// A password from the first line of standard input, not echoed when it is a terminal (never from the command
/// line, where other users could read it in the process list).
QString readPassword(const QString &prompt)
{
    const bool terminal = ::isatty(STDIN_FILENO) != 0;
    termios saved{};
    if (terminal) {
        std::fprintf(stderr, "%s", qUtf8Printable(prompt));
        ::tcgetattr(STDIN_FILENO, &saved);
        termios quiet = saved;
        quiet.c_lflag &= ~tcflag_t(ECHO);
        ::tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
    }
    QTextStream in(stdin);
    const QString line = in.readLine();
    if (terminal) {
        ::tcsetattr(STDIN_FILENO, TCSANOW, &saved);
        std::fprintf(stderr, "\n");
    }
    return line;
}

int userCommand(Session &session, const Arguments &args)
{
    const QString sub = args.words.value(1);
    const QString name = args.words.value(2);
    if (sub == u"list" && args.words.size() == 2) {
        auto listed = session.users();
        if (!listed)
            return fail(listed.error().message);
        for (const User &u : listed.value()) {
            say(QStringLiteral("%1\t%2\t%3\t%4")
                    .arg(u.username, toText(u.role), u.memberCode,
                         u.active ? QStringLiteral("active") : QStringLiteral("disabled")));
        }
        return 0;
    }
    if (args.words.size() != 3)
        return fail(Tr::tr("usage: mlmctl user list | user add NAME --role admin|support|distributor [--member CODE] | "
                           "user passwd NAME | user disable NAME | user enable NAME"),
                    2);
    if (sub == u"add") {
        const auto role = roleFromString(args.option(QStringLiteral("role")));
        if (!role)
            return fail(Tr::tr("--role must be admin, support or distributor"), 2);
        const QString password = readPassword(Tr::tr("Password for %1: ").arg(name));
        auto added = session.addUser({name, password, *role, args.option(QStringLiteral("member"))});
        if (!added)
            return fail(added.error().message);
        say(Tr::tr("user %1 added (%2)").arg(added->username, toText(added->role)));
        return 0;
    }
    if (sub == u"passwd") {
        const QString password = readPassword(Tr::tr("New password for %1: ").arg(name));
        if (auto changed = session.resetPassword(name, password); !changed)
            return fail(changed.error().message);
        say(Tr::tr("password of %1 changed").arg(name));
        return 0;
    }
    if (sub == u"disable" || sub == u"enable") {
        if (auto changed = session.setUserActive(name, sub == u"enable"); !changed)
            return fail(changed.error().message);
        say(sub == u"enable" ? Tr::tr("user %1 enabled").arg(name) : Tr::tr("user %1 disabled").arg(name));
        return 0;
    }
    return fail(Tr::tr("unknown command 'user %1'; see mlmctl --help").arg(sub), 2);
}

int storeCommand(Session &session, const Arguments &args)
{
    const QString sub = args.words.mid(1).join(u' ');
    if (sub == u"list") {
        auto stores = session.stores();
        if (!stores)
            return fail(stores.error().message);
        for (const Store &s : stores.value())
            say(QStringLiteral("%1\t%2\t%3\t%4").arg(s.code, toText(s.scenario), s.linkTemplate, s.name));
        return 0;
    }
    if (sub == u"key create") {
        const QString store = args.option(QStringLiteral("store"));
        if (store.isEmpty())
            return fail(Tr::tr("usage: mlmctl --db URL store key create --store CODE [--label TEXT]"), 2);
        auto issued = session.createApiKey(store, args.option(QStringLiteral("label")));
        if (!issued)
            return fail(issued.error().message);
        say(issued->token);
        std::fprintf(stderr, "%s\n",
                     qUtf8Printable(Tr::tr("API key %1 (id %2) for store %3: keep it now, it is not shown again")
                                        .arg(issued->key.prefix)
                                        .arg(issued->key.id)
                                        .arg(issued->key.storeCode)));
        return 0;
    }
    if (sub == u"key list") {
        auto listed = session.apiKeys(args.option(QStringLiteral("store")));
        if (!listed)
            return fail(listed.error().message);
        for (const ApiKey &k : listed.value()) {
            say(QStringLiteral("%1\t%2\t%3\t%4\t%5\t%6")
                    .arg(k.id)
                    .arg(k.prefix, k.storeCode, formatIsoTimestamp(k.createdAt),
                         k.revokedAt ? QStringLiteral("revoked ") + formatIsoTimestamp(*k.revokedAt)
                                     : QStringLiteral("active"),
                         k.label));
        }
        return 0;
    }
    if (args.words.size() == 4 && args.words.at(1) == u"key" && args.words.at(2) == u"revoke") {
        if (auto revoked = session.revokeApiKey(args.words.at(3)); !revoked)
            return fail(revoked.error().message);
        say(Tr::tr("API key %1 revoked").arg(args.words.at(3)));
        return 0;
    }
    return fail(Tr::tr("unknown command 'store %1'; see mlmctl --help").arg(sub), 2);
}

int runImport(Session &session, const QString &path, bool progress)
{
    DatasetImporter::Progress report;
    if (progress) {
        report = [](const QString &stage, qint64 done, qint64 total) {
            std::fprintf(stderr, "progress %s %lld/%lld\n", qUtf8Printable(stage), qlonglong(done), qlonglong(total));
            std::fflush(stderr);
            return true;
        };
    }
    auto summary = path == u'-' ? [&] {
        QFile in;
        (void)in.open(stdin, QIODevice::ReadOnly);
        return session.importDataset(in.readAll(), report);
    }()
                                : session.importDataset(path, report);
    if (!summary)
        return fail(Tr::tr("import failed, nothing was changed: %1").arg(summary.error().message));
    say(Tr::tr("imported %1 members, %2 products, %3 stores, %4 links, %5 customers, %6 orders")
            .arg(summary->members)
            .arg(summary->products)
            .arg(summary->stores)
            .arg(summary->links)
            .arg(summary->customers)
            .arg(summary->orders));
    return 0;
}

int run(const Arguments &args)
{
    if (args.has(QStringLiteral("version"))) {
        say(QStringLiteral("mlmctl ") + QStringLiteral(MLM_VERSION));
        return 0;
    }
    if (args.has(QStringLiteral("help")) || args.words.isEmpty()) {
        std::fputs(qPrintable(Tr::tr(kUsage)),
                   args.words.isEmpty() && !args.has(QStringLiteral("help")) ? stderr : stdout);
        return args.has(QStringLiteral("help")) ? 0 : 2;
    }
    const QString command = args.words.first();
    if (command == QStringLiteral("seed")) {
        auto members = positiveNumber(args, QStringLiteral("members"), 1000, 1);
        auto orders = positiveNumber(args, QStringLiteral("orders"), 5000, 0);
        auto months = positiveNumber(args, QStringLiteral("months"), 12, 1);
        auto seed = positiveNumber(args, QStringLiteral("seed"), 1, 0);
        for (const auto *r : {&members, &orders, &months, &seed}) {
            if (!*r)
                return fail(r->error().message, 2);
        }
        SyntheticCompany::Parameters p;
        p.members = members.value();
        p.orders = orders.value();
        p.months = int(std::min<qint64>(months.value(), 600));
        p.seed = quint64(seed.value());
        if (args.has(QStringLiteral("last-period")))
            p.lastPeriod = args.option(QStringLiteral("last-period"));
        QFile out;
        const QString path = args.option(QStringLiteral("out"));
        const bool opened = path.isEmpty() || path == u'-' ? out.open(stdout, QIODevice::WriteOnly)
                                                           : (out.setFileName(path), out.open(QIODevice::WriteOnly));
        if (!opened)
            return fail(Tr::tr("cannot write %1: %2").arg(path, out.errorString()));
        if (auto written = SyntheticCompany::write(p, out); !written)
            return fail(written.error().message);
        return 0;
    }

    QString url = args.option(QStringLiteral("db"));
    if (const QString warning = DatabaseUrl::passwordInArgumentsWarning(url); !warning.isEmpty())
        std::fprintf(stderr, "mlmctl: %s\n", qUtf8Printable(warning));
    if (url.isEmpty())
        url = qEnvironmentVariable("MLM_DB");
    if (url.isEmpty())
        url = DatabaseUrl::defaultUrl();
    auto db = openMigrated(url);
    if (!db)
        return fail(db.error().message);

    if (command == QStringLiteral("init")) {
        auto version = db.value()->schemaVersion();
        if (!version)
            return fail(version.error().message);
        say(Tr::tr("database %1 is at schema version %2").arg(db.value()->url().displayString()).arg(version.value()));
        return 0;
    }
    if (command == QStringLiteral("info")) {
        auto summary = CompanySummary::read(*db.value());
        if (!summary)
            return fail(summary.error().message);
        const auto counts = [](const QList<QPair<QString, qint64>> &list) {
            QStringList parts;
            for (const auto &[name, count] : list)
                parts << QStringLiteral("%1 %2").arg(name).arg(count);
            return parts.isEmpty() ? QString() : QStringLiteral(" (") + parts.join(QStringLiteral(", ")) + u')';
        };
        QStringList stores;
        for (const auto &[code, scenario] : summary->stores)
            stores << QStringLiteral("%1 (%2)").arg(code, scenario);
        say(Tr::tr("database: %1, schema version %2")
                .arg(db.value()->url().displayString())
                .arg(summary->schemaVersion));
        say(Tr::tr("currency: %1").arg(summary->currency.isEmpty() ? Tr::tr("not set") : summary->currency));
        // Not translated: scripts read this line (scripts/run-demo.sh).
        say(QStringLiteral("members: %1").arg(summary->members) + counts(summary->membersByStatus));
        say(Tr::tr("products: %1").arg(summary->products));
        say(Tr::tr("stores: %1").arg(stores.isEmpty() ? Tr::tr("none") : stores.join(QStringLiteral(", "))));
        say(Tr::tr("orders: %1").arg(summary->orders) + counts(summary->ordersByStatus));
        if (summary->firstPaid)
            say(Tr::tr("paid between %1 and %2")
                    .arg(formatIsoTimestamp(*summary->firstPaid), formatIsoTimestamp(*summary->lastPaid)));
        return 0;
    }
    if (command == QStringLiteral("demo")) {
        QDate today = QDateTime::currentDateTimeUtc().date();
        if (args.has(QStringLiteral("today"))) {
            today = QDate::fromString(args.option(QStringLiteral("today")), Qt::ISODate);
            if (!today.isValid())
                return fail(
                    Tr::tr("--today must be a date YYYY-MM-DD, not '%1'").arg(args.option(QStringLiteral("today"))), 2);
        }
        auto summary = DemoCompany::create(*db.value(), cliActor(), today);
        if (!summary)
            return fail(summary.error().message);
        say(Tr::tr("demo company created in %1: %2 members, %3 orders; users admin, support and distributor "
                   "(passwords admin-demo, support-demo, distributor-demo)")
                .arg(db.value()->url().displayString())
                .arg(summary->members)
                .arg(summary->orders));
        return 0;
    }
    // The rest act for a person: through a Session, with its checks.
    auto person = personFor(*db.value(), args);
    if (!person)
        return fail(person.error().message);
    Session &session = *person.value();
    if (command == QStringLiteral("import")) {
        if (args.words.size() != 2)
            return fail(Tr::tr("usage: mlmctl --db URL import FILE.json"), 2);
        return runImport(session, args.words.at(1), args.has(QStringLiteral("progress")));
    }
    if (command == QStringLiteral("export")) {
        if (args.words.size() != 2)
            return fail(Tr::tr("usage: mlmctl --db URL export FILE.json"), 2);
        const QString path = args.words.at(1);
        Status written;
        if (path == u'-') {
            QFile out;
            (void)out.open(stdout, QIODevice::WriteOnly);
            written = session.exportDataset(out);
        } else {
            written = session.exportDataset(path);
        }
        if (!written)
            return fail(Tr::tr("export failed: %1").arg(written.error().message));
        return 0;
    }
    if (command == QStringLiteral("user"))
        return userCommand(session, args);
    if (command == QStringLiteral("commissions")) {
        const QString sub = args.words.value(1);
        const QString periodText = args.option(QStringLiteral("period"));
        const auto period = Period::parse(periodText);
        if (!period)
            return fail(Tr::tr("--period '%1' is not a month such as 2026-10").arg(periodText), 2);
        const QString format =
            args.has(QStringLiteral("format")) ? args.option(QStringLiteral("format")) : QStringLiteral("json");
        if (format != u"json" && format != u"csv")
            return fail(Tr::tr("--format '%1' is not json or csv").arg(format), 2);
        auto print = [&](const Result<RunOverview> &overview) {
            if (!overview)
                return fail(overview.error().message);
            auto run = session.wholeRun(overview.value());
            if (!run)
                return fail(run.error().message);
            const QByteArray out =
                format == u"csv" ? CommissionReport::runCsv(run.value()) : CommissionReport::runJson(run.value());
            std::fwrite(out.constData(), 1, size_t(out.size()), stdout);
            return 0;
        };
        if (sub == QStringLiteral("run"))
            return print(args.has(QStringLiteral("close")) ? session.closeRun(*period) : session.previewRun(*period));
        if (sub == QStringLiteral("show"))
            return print(session.closedRun(*period));
        if (sub == QStringLiteral("statement")) {
            const QString member = args.option(QStringLiteral("member"));
            if (member.isEmpty())
                return fail(Tr::tr("usage: mlmctl --db URL commissions statement --period YYYY-MM --member CODE"), 2);
            auto statement = session.statement(*period, member);
            if (!statement)
                return fail(statement.error().message);
            const QByteArray out = CommissionReport::statementJson(statement.value());
            std::fwrite(out.constData(), 1, size_t(out.size()), stdout);
            return 0;
        }
        return fail(Tr::tr("unknown command 'commissions %1'; see mlmctl --help").arg(sub), 2);
    }
    if (command == QStringLiteral("store"))
        return storeCommand(session, args);
    if (command == QStringLiteral("order") && args.words.value(1) == QStringLiteral("refund")) {
        const QString store = args.option(QStringLiteral("store"));
        const QString externalId = args.option(QStringLiteral("external-id"));
        const QString atText = args.option(QStringLiteral("at"));
        if (!args.has(QStringLiteral("store")) || externalId.isEmpty() || atText.isEmpty())
            return fail(Tr::tr("usage: mlmctl --db URL order refund --store CODE --external-id ID --at ISO8601"), 2);
        const auto at = parseIsoTimestamp(atText);
        if (!at)
            return fail(Tr::tr("--at '%1' is not an ISO 8601 date-time such as 2026-10-05T12:00:00Z").arg(atText), 2);
        auto order = Orders(*db.value()).find(store, externalId);
        if (!order)
            return fail(order.error().message);
        auto refunded = session.changeOrderStatus(order->id, OrderStatus::Refunded, *at);
        if (!refunded)
            return fail(refunded.error().message);
        say(Tr::tr("order %1 refunded at %2").arg(externalId, formatIsoTimestamp(*at)));
        return 0;
    }
    return fail(Tr::tr("unknown command '%1'; see mlmctl --help").arg(args.words.join(u' ')), 2);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    if (qEnvironmentVariableIsEmpty("QT_LOGGING_RULES"))
        QLoggingCategory::setFilterRules(QStringLiteral("mlm.*.debug=false\nmlm.*.info=false"));
    QCoreApplication::setApplicationName(QStringLiteral("mlm-backoffice"));
    QCoreApplication::setApplicationVersion(QStringLiteral(MLM_VERSION));
    installTranslations();
    auto args = parseArguments(QCoreApplication::arguments());
    if (!args)
        return fail(args.error().message, 2);
    return run(args.value());
}

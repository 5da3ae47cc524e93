#include "OpenDatabaseDialog.h"
#include "Ask.h"

#include "BackgroundWork.h"
#include "KnownServers.h"
#include "OffThread.h"
#include "auth/Users.h"

#include "storage/DatabaseUrl.h"

#include "Style.h"

#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QTabWidget>
#include <QUrl>
#include <QVBoxLayout>

namespace mlm {

namespace {
const QString kRecent = QStringLiteral("database/recentFiles");
const QString kLast = QStringLiteral("database/last");
const QString kLastWasServer = QStringLiteral("database/lastWasServer");
constexpr int kServerTab = 2;
constexpr int kRecentCount = 8;
} // namespace

OpenDatabaseDialog::OpenDatabaseDialog(QWidget *parent)
    : QDialog(parent), m_tabs(new QTabWidget(this)), m_recent(new QListWidget(this)), m_file(new QLineEdit(this)),
      m_host(new QLineEdit(QStringLiteral("localhost"), this)), m_port(new QSpinBox(this)),
      m_database(new QLineEdit(this)), m_user(new QLineEdit(this)), m_password(new QLineEdit(this)),
      m_serverAddress(new QComboBox(this)), m_serverUser(new QLineEdit(this)), m_caFile(new QLineEdit(this)),
      m_error(style::errorLabel(this))
{
    setWindowTitle(tr("Open a database - MLM Back Office"));

    auto *fileTab = new QWidget(this);
    m_recent->addItems(recentFiles());
    connect(m_recent, &QListWidget::currentTextChanged, m_file, &QLineEdit::setText);
    connect(m_recent, &QListWidget::itemDoubleClicked, this, &OpenDatabaseDialog::accept);
    auto *browse = new QPushButton(tr("&Browse..."), fileTab);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString path = ask::openFileName(this, tr("Open a database file"), QString(),
                                                          tr("Databases (*.db *.sqlite);;All files (*)"));
        if (!path.isEmpty())
            m_file->setText(path);
    });
    auto *create = new QPushButton(tr("&New file..."), fileTab);
    connect(create, &QPushButton::clicked, this, [this] {
        const QString path = ask::saveFileName(this, tr("New database file"),
                                                          QStringLiteral("backoffice.db"), tr("Databases (*.db)"));
        if (!path.isEmpty())
            m_file->setText(path);
    });
    auto *fileRow = new QHBoxLayout;
    fileRow->addWidget(m_file, 1);
    fileRow->addWidget(browse);
    fileRow->addWidget(create);
    auto *fileLayout = new QVBoxLayout(fileTab);
    fileLayout->addWidget(new QLabel(tr("Recent files:"), fileTab));
    fileLayout->addWidget(m_recent, 1);
    fileLayout->addLayout(fileRow);
    m_tabs->addTab(fileTab, tr("SQLite file"));

    auto *serverTab = new QWidget(this);
    m_port->setRange(1, 65535);
    m_port->setValue(5432);
    m_password->setEchoMode(QLineEdit::Password);
    auto *form = new QFormLayout(serverTab);
    form->addRow(tr("&Host:"), m_host);
    form->addRow(tr("&Port:"), m_port);
    form->addRow(tr("&Database:"), m_database);
    form->addRow(tr("&User:"), m_user);
    form->addRow(tr("Pass&word:"), m_password);
    auto *note = new QLabel(tr("The password is not saved; it is asked for each time."), serverTab);
    note->setStyleSheet(QStringLiteral("color: palette(mid);"));
    form->addRow(QString(), note);
    m_tabs->addTab(serverTab, tr("PostgreSQL server"));

    // The company's mlm-server: the way in for everyone but an admin at the database itself.
    auto *companyTab = new QWidget(this);
    m_serverAddress->setEditable(true);
    m_serverAddress->addItems(knownServers::recent());
    m_serverAddress->lineEdit()->setPlaceholderText(QStringLiteral("https://office.example.com:8443"));
    m_serverAddress->setObjectName(QStringLiteral("serverAddress"));
    m_caFile->setPlaceholderText(tr("empty: the certificate authorities of this computer"));
    // A server signed in to before brings its user name and CA file.
    const auto fillKnown = [this](const QString &text) {
        if (auto address = ServerAddress::parse(text); address && knownServers::recent().contains(text)) {
            const knownServers::Known known = knownServers::of(address->url);
            m_serverUser->setText(known.user);
            m_caFile->setText(known.caFile);
        }
    };
    connect(m_serverAddress, &QComboBox::currentTextChanged, this, fillKnown);
    fillKnown(m_serverAddress->currentText());
    auto *browseCa = new QPushButton(tr("B&rowse..."), companyTab);
    connect(browseCa, &QPushButton::clicked, this, [this] {
        const QString path = ask::openFileName(this, tr("The server's CA certificate"), QString(),
                                               tr("Certificates (*.pem *.crt);;All files (*)"));
        if (!path.isEmpty())
            m_caFile->setText(path);
    });
    auto *caRow = new QHBoxLayout;
    caRow->addWidget(m_caFile, 1);
    caRow->addWidget(browseCa);
    auto *companyForm = new QFormLayout(companyTab);
    companyForm->addRow(tr("&Server:"), m_serverAddress);
    companyForm->addRow(tr("User &name:"), m_serverUser);
    companyForm->addRow(tr("&CA file:"), caRow);
    auto *companyNote = new QLabel(tr("The address and the CA file (if you were given one) come from your company's "
                                      "administrator. Your password is asked when you sign in and never saved."),
                                   companyTab);
    companyNote->setWordWrap(true);
    companyNote->setStyleSheet(QStringLiteral("color: palette(mid);"));
    companyForm->addRow(QString(), companyNote);
    m_tabs->addTab(companyTab, tr("Company server"));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Open | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &OpenDatabaseDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &OpenDatabaseDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_tabs, 1);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
    resize(560, 380);

    // Start where the last session was.
    if (QSettings().value(kLastWasServer).toBool() && m_serverAddress->count() > 0) {
        m_tabs->setCurrentIndex(kServerTab);
        m_serverAddress->setCurrentIndex(0);
    } else if (auto last = DatabaseUrl::parse(lastUrl()); last && last->backend == DatabaseUrl::Backend::Postgres) {
        m_tabs->setCurrentIndex(1);
        m_host->setText(last->host);
        m_port->setValue(last->port);
        m_database->setText(last->databaseName);
        m_user->setText(last->user);
    } else if (m_recent->count() > 0) {
        m_recent->setCurrentRow(0);
    }
}

QStringList OpenDatabaseDialog::recentFiles() const
{
    return QSettings().value(kRecent).toStringList();
}

void OpenDatabaseDialog::chooseFile(const QString &path)
{
    m_tabs->setCurrentIndex(0);
    m_file->setText(path);
}

void OpenDatabaseDialog::choosePostgres(const QString &host, int port, const QString &database, const QString &user,
                                        const QString &password)
{
    m_tabs->setCurrentIndex(1);
    m_host->setText(host);
    m_port->setValue(port);
    m_database->setText(database);
    m_user->setText(user);
    m_password->setText(password);
}

void OpenDatabaseDialog::chooseServer(const QString &address, const QString &user, const QString &caFile)
{
    m_tabs->setCurrentIndex(kServerTab);
    m_serverAddress->setCurrentText(address);
    m_serverUser->setText(user);
    m_caFile->setText(caFile);
}

QString OpenDatabaseDialog::errorText() const
{
    return style::errorOf(m_error);
}

void OpenDatabaseDialog::accept()
{
    QString url;
    m_server.reset();
    if (m_tabs->currentIndex() == kServerTab) {
        auto address = ServerAddress::parse(m_serverAddress->currentText(), m_caFile->text().trimmed());
        if (!address)
            return style::setError(m_error, address.error().message);
        if (m_serverUser->text().trimmed().isEmpty())
            return style::setError(m_error, tr("Your user name on the server is needed."));
        m_server = ServerChoice{knownServers::withPinned(address.value()), m_serverUser->text().trimmed()};
        QSettings().setValue(kLastWasServer, true);
        QDialog::accept();
        return;
    }
    if (m_tabs->currentIndex() == 0) {
        const QString path = m_file->text().trimmed();
        if (path.isEmpty()) {
            m_error->setText(tr("Choose a file, or make a new one."));
            m_error->show();
            return;
        }
        url = QStringLiteral("sqlite://") + QFileInfo(path).absoluteFilePath();
    } else {
        if (m_host->text().trimmed().isEmpty() || m_database->text().trimmed().isEmpty() ||
            m_user->text().trimmed().isEmpty()) {
            m_error->setText(tr("Host, database and user are needed."));
            m_error->show();
            return;
        }
        QUrl server;
        server.setScheme(QStringLiteral("postgresql"));
        server.setHost(m_host->text().trimmed());
        server.setPort(m_port->value());
        server.setPath(u'/' + m_database->text().trimmed());
        server.setUserName(m_user->text().trimmed());
        if (!m_password->text().isEmpty())
            server.setPassword(m_password->text());
        url = server.toString();
    }
    if (auto parsed = DatabaseUrl::parse(url); !parsed) {
        m_error->setText(parsed.error().message);
        m_error->show();
        return;
    }
    m_url = url;
    QDialog::accept();
}

Result<OpenDatabaseDialog::Opened> OpenDatabaseDialog::open(const QString &url, QWidget *parent)
{
    auto parsed = DatabaseUrl::parse(url);
    if (!parsed)
        return parsed.error();
    struct Found
    {
        int pending = 0;
        qint64 users = 0;
    };
    // A new database gets its tables at once; one a migration behind is upgraded below, with its progress.
    const auto look = [&parsed]() -> Result<Found> {
        auto db = Database::open(parsed.value());
        if (!db)
            return db.error();
        auto version = db.value()->schemaVersion();
        if (!version)
            return version.error();
        if (version.value() == 0)
            MLM_TRY(db.value()->migrate());
        auto pending = db.value()->pendingMigrations();
        if (!pending)
            return pending.error();
        if (pending.value() > 0)
            return Found{pending.value(), 0};
        auto users = Users(*db.value()).count();
        if (!users)
            return users.error();
        return Found{0, users.value()};
    };
    QApplication::setOverrideCursor(Qt::BusyCursor);
    auto found = waitOffThread<Result<Found>>(look);
    QApplication::restoreOverrideCursor();
    if (!found)
        return found.error();
    if (found->pending > 0) {
        auto upgraded =
            BackgroundWork::run(parent, parsed.value(), tr("Upgrading the database"),
                                [](Database &worker, const BackgroundWork::Progress &progress) -> Result<QString> {
                                    MLM_TRY(worker.migrate([&progress](const QString &step, int done, int total) {
                                        return progress(tr("Upgrading the database (%1)").arg(step), done, total);
                                    }));
                                    return QString();
                                });
        if (!upgraded)
            return upgraded.error();
        found = waitOffThread<Result<Found>>(look);
        if (!found)
            return found.error();
    }
    return Opened{parsed.value(), found->users};
}

void OpenDatabaseDialog::remember(const QString &url)
{
    auto parsed = DatabaseUrl::parse(url);
    if (!parsed)
        return;
    QSettings settings;
    settings.setValue(kLastWasServer, false);
    if (parsed->backend == DatabaseUrl::Backend::Sqlite) {
        QStringList recent = settings.value(kRecent).toStringList();
        recent.removeAll(parsed->path);
        recent.prepend(parsed->path);
        settings.setValue(kRecent, recent.mid(0, kRecentCount));
        settings.setValue(kLast, QStringLiteral("sqlite://") + parsed->path);
    } else {
        QUrl server(url);
        server.setPassword(QString()); // never in the settings
        settings.setValue(kLast, server.toString());
    }
}

QString OpenDatabaseDialog::lastUrl()
{
    return QSettings().value(kLast).toString();
}

} // namespace mlm

#include "CommissionReport.h"

#include "domain/Amount.h"
#include "domain/Csv.h"
#include "domain/JsonWriter.h"

#include <cstdio>

namespace mlm {

namespace {

QByteArray jsonString(const QString &text)
{
    return JsonWriter::quoted(text);
}

QByteArray number(qint64 n)
{
    return QByteArray::number(n);
}

QByteArray boolean(bool b)
{
    return b ? QByteArrayLiteral("true") : QByteArrayLiteral("false");
}

/// Appends a member's amounts; appended piece by piece, since a run may list a million members.
void appendAmounts(QByteArray &out, const MemberCommission &m)
{
    char digits[24];
    auto num = [&](qint64 n) {
        const int len = std::snprintf(digits, sizeof digits, "%lld", static_cast<long long>(n));
        out.append(digits, len);
    };
    out += "\"pv\": ";
    num(m.pv);
    out += m.qualified ? ", \"qualified\": true, \"retail_profit\": " : ", \"qualified\": false, \"retail_profit\": ";
    num(m.retailProfit);
    out += ", \"levels\": [";
    for (qsizetype k = 0; k < m.levels.size(); ++k) {
        if (k)
            out += ", ";
        num(m.levels.at(k));
    }
    out += "], \"clawback\": ";
    num(m.clawback);
    out += ", \"total\": ";
    num(m.total);
}

QByteArray header(const Period &period, bool closed, const QString &currency)
{
    return "{\"period\": " + jsonString(period.toString()) + ", \"closed\": " + boolean(closed) +
           ", \"currency\": " + jsonString(currency);
}

const char *kindName(CommissionKind kind)
{
    switch (kind) {
    case CommissionKind::Level:
        return "level";
    case CommissionKind::RetailProfit:
        return "retail_profit";
    case CommissionKind::Clawback:
        return "clawback";
    }
    return "";
}

} // namespace

QByteArray CommissionReport::runJson(const CommissionRun &run)
{
    QByteArray out = header(run.period, run.closed, run.currency) + ",\n \"members\": [";
    out.reserve(out.size() + run.members.size() * 128);
    for (qsizetype i = 0; i < run.members.size(); ++i) {
        const MemberCommission &m = run.members.at(i);
        out += i ? ",\n  {\"code\": " : "\n  {\"code\": ";
        out += jsonString(m.code);
        out += ", ";
        appendAmounts(out, m);
        out += '}';
    }
    out += run.members.isEmpty() ? "]}\n" : "\n ]}\n";
    return out;
}

QByteArray CommissionReport::runCsv(const CommissionRun &run)
{
    QByteArray out = "code,pv,qualified,retail_profit";
    for (qsizetype k = 0; k < run.plan.levelsBp.size(); ++k)
        out += ",level_" + number(k + 1);
    out += ",clawback,total\n";
    for (const MemberCommission &m : run.members) {
        // Codes are letters, digits, - and _: nothing to quote.
        out += m.code.toUtf8() + ',' + number(m.pv) + ',' + (m.qualified ? "1" : "0") + ',' + number(m.retailProfit);
        for (Money level : m.levels)
            out += ',' + number(level);
        out += ',' + number(m.clawback) + ',' + number(m.total) + '\n';
    }
    return out;
}

QByteArray CommissionReport::statementJson(const Statement &s)
{
    QByteArray out = header(s.period, s.closed, s.currency) + ", \"member\": " + jsonString(s.totals.code) + ", ";
    appendAmounts(out, s.totals);
    out += ",\n \"lines\": [";
    for (qsizetype i = 0; i < s.lines.size(); ++i) {
        const StatementLine &l = s.lines.at(i);
        out += (i ? ",\n  {" : "\n  {") + QByteArray("\"kind\": \"") + kindName(l.kind) +
               "\", \"level\": " + number(l.level) + ", \"rate_bp\": " + number(l.rateBp) +
               ", \"store\": " + (l.storeCode.isEmpty() ? QByteArray("null") : jsonString(l.storeCode)) +
               ", \"external_id\": " + jsonString(l.externalId) + ", \"base\": " + number(l.base) +
               ", \"amount\": " + number(l.amount) + '}';
    }
    out += s.lines.isEmpty() ? "]}\n" : "\n ]}\n";
    return out;
}

QByteArray CommissionReport::statementCsv(const Statement &s)
{
    QByteArray out = "period,member,kind,level,rate_bp,store,external_id,base,amount\n";
    const QByteArray lead = s.period.toString().toUtf8() + ',' + s.totals.code.toUtf8() + ',';
    Money sum = 0;
    for (const StatementLine &l : s.lines) {
        out += lead + kindName(l.kind) + ',' + number(l.level) + ',' + number(l.rateBp) + ',' +
               csv::field(l.storeCode).toUtf8() + ',' + csv::field(l.externalId).toUtf8() + ',' + number(l.base) + ',' +
               number(l.amount) + '\n';
        sum += l.amount;
    }
    out += lead + "total,,,,,," + number(sum) + '\n';
    return out;
}

QByteArray CommissionReport::payoutCsv(const CommissionRun &run)
{
    QByteArray out = "code,currency,amount_minor,amount\n";
    for (const MemberCommission &m : run.members) {
        if (m.total > 0)
            out += m.code.toUtf8() + ',' + run.currency.toUtf8() + ',' + number(m.total) + ',' +
                   amount::text(m.total).toUtf8() + '\n';
    }
    return out;
}

} // namespace mlm

#include "DatasetReader.h"

#include "JsonFields.h"
#include "catalog/Catalog.h"
#include "domain/Attribution.h"
#include "domain/Codes.h"
#include "domain/Contact.h"
#include "domain/Pricing.h"
#include "genealogy/Members.h"
#include "stores/Stores.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace mlm::dataset {

namespace {

constexpr qint64 kMaxAmount = 1'000'000'000'000LL;

Location at(const char *array, qsizetype index)
{
    return Location{nullptr, array, index};
}

} // namespace

Status DatasetReader::readHeader(json::Value format, json::Value currency, json::Value plan, QString *currencyOut,
                                 std::optional<CompensationPlan> *planOut)
{
    if (!format.equals(QLatin1StringView("mlm-dataset/1")))
        return makeError(ErrorCode::InvalidArgument,
                         tr("format: expected \"mlm-dataset/1\", found %1")
                             .arg(format.isUndefined() ? tr("nothing") : QString::fromUtf8(format.source())));
    if (!currency.isUndefined() && !currency.isNull()) {
        const QString code = currency.toString();
        bool valid = currency.isString() && code.size() == 3;
        for (QChar c : code)
            valid = valid && c >= u'A' && c <= u'Z';
        if (!valid)
            return makeError(ErrorCode::InvalidArgument,
                             tr("currency: '%1' is not a three-letter ISO 4217 code")
                                 .arg(currency.isString() ? code : QString::fromUtf8(currency.source())));
        *currencyOut = code;
    }
    if (!plan.isUndefined() && !plan.isNull()) {
        if (!plan.isObject())
            return makeError(ErrorCode::InvalidArgument, tr("plan: must be an object"));
        // The plan is small: the ordinary JSON classes read it.
        auto parsed = CompensationPlan::fromJson(QJsonDocument::fromJson(plan.source().toByteArray()).object());
        if (!parsed)
            return parsed.error();
        *planOut = parsed.value();
    }
    return {};
}

Status DatasetReader::readTiers(json::ArrayCursor &section)
{
    return json::forEachElement(section, [&](json::Value record, qsizetype i) -> Status {
        auto f = JsonFields::of(record, at("tiers", i));
        if (!f)
            return f.error();
        auto code = f->string("code", true, 32);
        auto name = f->string("name", false, 200);
        if (!code)
            return code.error();
        if (!name)
            return name.error();
        if (!codes::isValidTierCode(code.value()))
            return f->error(tr("tier code '%1' is not valid: use 2-32 characters of a-z, 0-9 and _").arg(code.value()));
        if (m_c.tiers.contains(code.value())) {
            if (tiers::isBuiltin(code.value()) || !m_c.tiers.value(code.value()).isNew)
                return {}; // already there: the file may repeat what the database has
            return f->error(ErrorCode::AlreadyExists, tr("the tier '%1' appears twice").arg(code.value()));
        }
        m_c.tiers.insert(code.value(),
                         {m_ids.tier++, code.value(), name->isEmpty() ? code.value() : name.value(), true});
        return {};
    });
}

Status DatasetReader::readProducts(json::ArrayCursor &section)
{
    return json::forEachElement(section, [&](json::Value record, qsizetype i) -> Status {
        auto f = JsonFields::of(record, at("products", i));
        if (!f)
            return f.error();
        ProductRecord p;
        auto sku = f->string("sku", true, 64);
        if (!sku)
            return sku.error();
        p.sku = sku.value();
        f->label("sku", p.sku);
        auto name = f->string("name", false, 200, p.sku); // a missing name falls back to the sku
        auto active = f->boolean("active", true);
        auto pv = f->integer("pv", true, 0, kMaxAmount);
        auto bv = f->integer("bv", true, 0, kMaxAmount);
        for (const Status &s : {Status(name ? Status() : name.error()), Status(active ? Status() : active.error()),
                                Status(pv ? Status() : pv.error()), Status(bv ? Status() : bv.error())}) {
            if (!s)
                return s.error();
        }
        p.name = name->trimmed().isEmpty() ? p.sku : name.value();
        p.active = active.value();
        p.pv = **pv;
        p.bv = **bv;
        const json::Value prices = f->raw("prices");
        if (!prices.isObject())
            return f->error(tr("'prices' must be an object of tier -> price"));
        JsonFields priceFields(prices, f->child(".prices"));
        for (json::Value price = prices.first(); !price.isUndefined(); price = price.next()) {
            const QString tier = price.key();
            if (!m_c.tiers.contains(tier))
                return f->error(ErrorCode::NotFound, tr("prices: unknown tier '%1'").arg(tier));
            const QByteArray tierName = tier.toUtf8();
            auto amount = priceFields.integerValue(price, QLatin1StringView(tierName), true, 0, kMaxAmount);
            if (!amount)
                return amount.error();
            p.prices.insert(tier, **amount);
        }
        if (auto valid = Catalog::validateProduct(p); !valid)
            return f->error(valid.error().message);
        if (m_c.productBySku.contains(p.sku))
            return f->error(ErrorCode::AlreadyExists, tr("duplicate sku '%1'").arg(p.sku));
        p.id = m_ids.product++;
        p.isNew = true;
        m_c.productBySku.insert(p.sku, m_c.products.size());
        m_c.products.append(p);
        return {};
    });
}

Status DatasetReader::readMembers(json::ArrayCursor &section)
{
    const qsizetype firstNew = m_c.members.size();
    m_c.members.reserve(firstNew + section.size());
    m_c.memberByKey.reserve(firstNew + section.size());
    m_c.memberById.reserve(firstNew + section.size());
    m_c.emailKeys.reserve(m_c.emailKeys.size() + section.size());
    const Status read = json::forEachElement(section, [&](json::Value record, qsizetype i) -> Status {
        auto f = JsonFields::of(record, at("members", i));
        if (!f)
            return f.error();
        MemberRecord m;
        auto code = f->string("code", true, 32);
        if (!code)
            return code.error();
        m.code = code.value();
        if (!codes::isValidMemberCode(m.code))
            return f->error(
                tr("member code '%1' is not valid: use 2-32 characters of A-Z, a-z, 0-9, - and _").arg(m.code));
        f->label("code", m.code);
        auto name = f->string("name", false, 200, m.code); // a missing name falls back to the code
        auto email = f->string("email", false, 254);
        auto phone = f->string("phone", false, 64);
        auto country = f->string("country", false, 64);
        auto sponsor = f->string("sponsor", false, 32);
        auto status = f->string("status", true, 32);
        auto joined = f->timestamp("joined_at", false);
        for (const auto *r : {&name, &email, &phone, &country, &sponsor, &status}) {
            if (!*r)
                return r->error();
        }
        if (!joined)
            return joined.error();
        m.name = name->trimmed().isEmpty() ? m.code : name.value();
        m.email = email.value();
        m.phone = phone.value();
        m.country = country.value();
        m.sponsorCode = sponsor.value();
        if (auto valid = Contact::validate(m.name, m.email, m.phone, m.country); !valid)
            return f->error(valid.error().message);
        const auto parsedStatus = memberStatusFromString(status.value());
        if (!parsedStatus)
            return f->error(
                tr("bad status '%1': use customer, distributor, suspended or terminated").arg(status.value()));
        m.status = *parsedStatus;
        m.joinedAt = joined->value_or(m_now);
        m.codeKey = codes::key(m.code);
        const qsizetype index = m_c.members.size();
        const qsizetype known = m_c.memberByKey.size();
        qsizetype &slot = m_c.memberByKey[m.codeKey]; // one look-up for both the check and the insert
        if (m_c.memberByKey.size() == known)
            return f->error(ErrorCode::AlreadyExists, tr("duplicate member code '%1'").arg(m.code));
        slot = index;
        if (!m.email.isEmpty()) {
            m.emailKey = codes::key(m.email);
            const qsizetype before = m_c.emailKeys.size();
            m_c.emailKeys.insert(m.emailKey);
            if (m_c.emailKeys.size() == before)
                return f->error(ErrorCode::AlreadyExists, tr("duplicate email '%1'").arg(m.email));
        }
        m.isNew = true;
        m_c.members.append(std::move(m));
        return {};
    });
    if (!read)
        return read;
    return checkSponsors(firstNew);
}

Status DatasetReader::checkSponsors(qsizetype firstNew)
{
    // Resolve sponsors now that all members are known, then order the new members so that every sponsor is
    // written before its downline; a member that cannot be ordered sits on a cycle.
    const qsizetype count = m_c.members.size();
    QList<qsizetype> sponsorIndex(count, -1);
    for (qsizetype i = firstNew; i < count; ++i) {
        const MemberRecord &m = m_c.members.at(i);
        if (m.sponsorCode.isEmpty())
            continue;
        const auto it = m_c.memberByKey.constFind(codes::key(m.sponsorCode));
        if (it == m_c.memberByKey.constEnd())
            return makeError(ErrorCode::NotFound, tr("members[%1] (code '%2'): sponsor '%3' does not exist")
                                                      .arg(i - firstNew)
                                                      .arg(m.code, m.sponsorCode));
        if (*it == i)
            return makeError(
                ErrorCode::FailedPrecondition,
                tr("members[%1] (code '%2'): a member cannot sponsor itself").arg(i - firstNew).arg(m.code));
        sponsorIndex[i] = *it;
    }
    // 0 = not visited, 1 = on the current path, 2 = placed
    QList<char> state(count, 0);
    m_memberOrder.clear();
    m_memberOrder.reserve(count - firstNew);
    QList<qsizetype> path;
    for (qsizetype start = firstNew; start < count; ++start) {
        if (state[start] != 0)
            continue;
        qsizetype cur = start;
        path.clear();
        while (cur >= firstNew && state[cur] == 0) {
            state[cur] = 1;
            path.append(cur);
            cur = sponsorIndex[cur];
            if (cur < 0)
                break;
        }
        if (cur >= firstNew && state[cur] == 1)
            return makeError(ErrorCode::FailedPrecondition, tr("members[%1] (code '%2'): sponsor cycle through '%2'")
                                                                .arg(cur - firstNew)
                                                                .arg(m_c.members.at(cur).code));
        for (auto it = path.crbegin(); it != path.crend(); ++it) {
            state[*it] = 2;
            m_memberOrder.append(*it);
        }
    }
    for (qsizetype i : std::as_const(m_memberOrder)) {
        MemberRecord &m = m_c.members[i];
        m.id = m_ids.member++;
        m_c.memberById.insert(m.id, i);
    }
    for (qsizetype i = firstNew; i < count; ++i) {
        if (sponsorIndex[i] >= 0)
            m_c.members[i].sponsorId = m_c.members.at(sponsorIndex[i]).id;
    }
    return {};
}

Status DatasetReader::readStores(json::ArrayCursor &section)
{
    return json::forEachElement(section, [&](json::Value record, qsizetype i) -> Status {
        auto f = JsonFields::of(record, at("stores", i));
        if (!f)
            return f.error();
        StoreRecord s;
        auto code = f->string("code", true, 32);
        if (!code)
            return code.error();
        s.code = code.value();
        f->label("code", s.code);
        auto name = f->string("name", false, 200, s.code);
        auto baseUrl = f->string("base_url", false, 2000);
        auto scenario = f->string("scenario", true, 32);
        auto linkTemplate = f->string("link_template", false, 2000);
        auto sponsor = f->string("default_sponsor", false, 32);
        auto pinned = f->string("pinned_tier", false, 32);
        for (const auto *r : {&name, &baseUrl, &scenario, &linkTemplate, &sponsor, &pinned}) {
            if (!*r)
                return r->error();
        }
        const auto parsedScenario = storeScenarioFromString(scenario.value());
        if (!parsedScenario)
            return f->error(tr("bad scenario '%1': use separate_channel, distributor_channel or personal_storefront")
                                .arg(scenario.value()));
        s.name = name->trimmed().isEmpty() ? s.code : name.value();
        s.baseUrl = baseUrl.value();
        s.scenario = *parsedScenario;
        s.linkTemplate = linkTemplate.value();
        Store asStore;
        asStore.code = s.code;
        asStore.name = s.name;
        asStore.linkTemplate = s.linkTemplate;
        if (auto valid = Stores::validateStore(asStore); !valid)
            return f->error(valid.error().message);
        if (!sponsor->isEmpty()) {
            const auto it = m_c.memberByKey.constFind(codes::key(sponsor.value()));
            if (it == m_c.memberByKey.constEnd())
                return f->error(ErrorCode::NotFound, tr("default sponsor '%1' does not exist").arg(sponsor.value()));
            s.defaultSponsorId = m_c.members.at(*it).id;
        }
        if (!pinned->isEmpty()) {
            if (!m_c.tiers.contains(pinned.value()))
                return f->error(ErrorCode::NotFound, tr("unknown pinned tier '%1'").arg(pinned.value()));
            s.pinnedTier = pinned.value();
            s.pinnedTierId = m_c.tiers.value(pinned.value()).id;
        }
        if (m_c.storeByCode.contains(codes::key(s.code)))
            return f->error(ErrorCode::AlreadyExists, tr("duplicate store code '%1'").arg(s.code));
        s.id = m_ids.store++;
        s.isNew = true;
        m_c.storeByCode.insert(codes::key(s.code), m_c.stores.size());
        m_c.stores.append(s);
        return {};
    });
}

Status DatasetReader::readLinks(json::ArrayCursor &section)
{
    return json::forEachElement(section, [&](json::Value record, qsizetype i) -> Status {
        auto f = JsonFields::of(record, at("links", i));
        if (!f)
            return f.error();
        LinkRecord l;
        auto code = f->string("code", true, 32);
        if (!code)
            return code.error();
        l.code = code.value();
        f->label("code", l.code);
        if (!codes::isValidLinkCode(l.code))
            return f->error(tr("link code '%1' is not valid: use 4-32 characters of A-Z, a-z, 0-9 and -").arg(l.code));
        auto member = f->string("member", true, 32);
        auto store = f->string("store", true, 32);
        auto active = f->boolean("active", true);
        auto created = f->timestamp("created_at", false);
        for (const auto *r : {&member, &store}) {
            if (!*r)
                return r->error();
        }
        if (!active)
            return active.error();
        if (!created)
            return created.error();
        const auto m = m_c.memberByKey.constFind(codes::key(member.value()));
        if (m == m_c.memberByKey.constEnd())
            return f->error(ErrorCode::NotFound, tr("member '%1' does not exist").arg(member.value()));
        const auto s = m_c.storeByCode.constFind(codes::key(store.value()));
        if (s == m_c.storeByCode.constEnd())
            return f->error(ErrorCode::NotFound, tr("store '%1' does not exist").arg(store.value()));
        if (m_c.linkByKey.contains(codes::key(l.code)))
            return f->error(ErrorCode::AlreadyExists, tr("duplicate link code '%1'").arg(l.code));
        l.memberId = m_c.members.at(*m).id;
        l.storeId = m_c.stores.at(*s).id;
        l.active = active.value();
        l.createdAt = created->value_or(m_now);
        l.id = m_ids.link++;
        l.isNew = true;
        m_c.linkByKey.insert(codes::key(l.code), m_c.links.size());
        m_c.links.append(l);
        return {};
    });
}

Status DatasetReader::readCustomers(json::ArrayCursor &section)
{
    return json::forEachElement(section, [&](json::Value record, qsizetype i) -> Status {
        auto f = JsonFields::of(record, at("customers", i));
        if (!f)
            return f.error();
        CustomerRecord c;
        auto store = f->string("store", true, 32);
        auto email = f->string("email", true, 254);
        auto name = f->string("name", false, 200);
        auto phone = f->string("phone", false, 64);
        auto country = f->string("country", false, 64);
        auto viaLink = f->string("via_link", false, 32);
        auto owner = f->string("owner", false, 32);
        auto created = f->timestamp("created_at", false);
        for (const auto *r : {&store, &email, &name, &phone, &country, &viaLink, &owner}) {
            if (!*r)
                return r->error();
        }
        if (!created)
            return created.error();
        f->label("email", email.value());
        if (!codes::isPlausibleEmail(email.value()))
            return f->error(tr("'%1' is not an email address").arg(email.value()));
        const auto s = m_c.storeByCode.constFind(codes::key(store.value()));
        if (s == m_c.storeByCode.constEnd())
            return f->error(ErrorCode::NotFound, tr("store '%1' does not exist").arg(store.value()));
        const StoreRecord &storeRecord = m_c.stores.at(*s);
        c.storeId = storeRecord.id;
        c.email = email.value();
        c.name = name->trimmed().isEmpty() ? c.email : name.value(); // a nameless buyer is known by the email
        c.phone = phone.value();
        c.country = country.value();
        c.createdAt = created->value_or(m_now);
        Id linkOwner = 0;
        if (!viaLink->isEmpty()) {
            const auto l = m_c.linkByKey.constFind(codes::key(viaLink.value()));
            if (l == m_c.linkByKey.constEnd())
                return f->error(ErrorCode::NotFound, tr("link '%1' does not exist").arg(viaLink.value()));
            const LinkRecord &link = m_c.links.at(*l);
            c.viaLinkId = link.id;
            const MemberRecord &linkMember = m_c.members.at(m_c.memberById.value(link.memberId));
            if (link.active && canOwnActiveLink(linkMember.status))
                linkOwner = link.memberId;
        }
        c.ownerId = Attribution::customerOwner(storeRecord.scenario, linkOwner);
        if (f->has("owner")) { // an export keeps the owner as it was, whatever the link is now
            c.ownerId = 0;
            if (!owner->isEmpty()) {
                const auto m = m_c.memberByKey.constFind(codes::key(owner.value()));
                if (m == m_c.memberByKey.constEnd())
                    return f->error(ErrorCode::NotFound, tr("owner '%1' does not exist").arg(owner.value()));
                c.ownerId = m_c.members.at(*m).id;
            }
        }
        const QString key = customerKey(c.storeId, c.email);
        if (m_c.customerByKey.contains(key))
            return f->error(ErrorCode::AlreadyExists,
                            tr("duplicate customer '%1' in store '%2'").arg(c.email, storeRecord.code));
        c.id = m_ids.customer++;
        c.isNew = true;
        m_c.customerByKey.insert(key, m_c.customers.size());
        m_c.customers.append(c);
        return {};
    });
}

} // namespace mlm::dataset

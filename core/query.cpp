#include "query.h"

#include "accounts.h"
#include "dates.h"
#include "fields.h"
#include "stemming.h"
#include "text.h"
#include "urls.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <set>

namespace ti {

// The longest account age a query may ask for: a thousand years, in seconds.
constexpr std::int64_t kMaxAgeSeconds = 1000LL * 366 * 86400;

namespace {

constexpr std::size_t kMaxQueryBytes = 10000;
constexpr int kMaxDepth = 50;

struct Token {
    enum class Kind { Word, Phrase, LParen, RParen, Or, And, Not, End } kind;
    std::string text;
    std::size_t column = 0;
    bool negated = false;  // written with a leading '-'
};

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

std::vector<Token> tokenise(std::string_view q) {
    std::vector<Token> out;
    std::size_t i = 0;
    while (i < q.size()) {
        if (is_space(q[i])) { ++i; continue; }
        std::size_t start = i;
        if (q[i] == '(') { out.push_back({Token::Kind::LParen, "(", i}); ++i; continue; }
        if (q[i] == ')') { out.push_back({Token::Kind::RParen, ")", i}); ++i; continue; }
        bool negated = false;
        if (q[i] == '-' && i + 1 < q.size() && !is_space(q[i + 1])) {
            negated = true;
            ++i;
            if (q[i] == '(') {
                out.push_back({Token::Kind::Not, "-", start});
                continue;
            }
        }
        if (q[i] == '"') {
            std::size_t close = q.find('"', i + 1);
            if (close == std::string_view::npos) throw QueryError("unclosed quote", i);
            out.push_back({Token::Kind::Phrase, std::string(q.substr(i + 1, close - i - 1)), start, negated});
            i = close + 1;
            continue;
        }
        // A word runs to the next space or parenthesis; op:"quoted value" keeps its spaces.
        std::string word;
        while (i < q.size() && !is_space(q[i]) && q[i] != '(' && q[i] != ')') {
            if (q[i] == '"' && !word.empty() && word.back() == ':') {
                std::size_t close = q.find('"', i + 1);
                if (close == std::string_view::npos) throw QueryError("unclosed quote", i);
                word += q.substr(i + 1, close - i - 1);
                i = close + 1;
                continue;
            }
            word.push_back(q[i++]);
        }
        if (!negated && word == "OR") out.push_back({Token::Kind::Or, word, start});
        else if (!negated && word == "AND") out.push_back({Token::Kind::And, word, start});
        else if (!negated && word == "NOT") out.push_back({Token::Kind::Not, word, start});
        else out.push_back({Token::Kind::Word, word, start, negated});
    }
    out.push_back({Token::Kind::End, "", q.size()});
    return out;
}

// One element of an AND list.
struct Part {
    Xapian::Query query;
    bool filter = false;  // boolean (no weight): an operator, not free text
};

const Field* find_operator(std::string_view name) {
    for (const auto& op : kFields) {
        if (!op.name.empty() && op.name == name) return &op;
    }
    return nullptr;
}

const Field* find_sigil(char sigil) {
    for (const auto& op : kFields) {
        if (!op.sigil.empty() && op.sigil[0] == sigil) return &op;
    }
    return nullptr;
}

std::string operator_list() {
    std::string names;
    for (const auto& op : kFields) {
        if (op.name.empty()) continue;
        if (!names.empty()) names += ", ";
        names += std::string(op.name) + ":";
    }
    return names;
}

Xapian::Query term_query(std::string term) { return Xapian::Query(limit_term_length(std::move(term))); }

Xapian::Query date_from(std::int64_t epoch) {
    return Xapian::Query(Xapian::Query::OP_VALUE_GE, kSlotDate, Xapian::sortable_serialise(static_cast<double>(epoch)));
}
Xapian::Query date_before(std::int64_t epoch) {
    return Xapian::Query(Xapian::Query::OP_VALUE_LE, kSlotDate,
                         Xapian::sortable_serialise(static_cast<double>(epoch - 1)));
}

}  // namespace

std::vector<std::string> not_live_terms(bool include_deleted, bool include_edits) {
    std::vector<std::string> terms{std::string(kTombstoneTerm)};
    if (!include_deleted) terms.emplace_back(kDeletedTerm);
    if (!include_edits) terms.emplace_back(kSupersededTerm);
    return terms;
}

Xapian::Query live_tweets_filter(bool include_deleted, bool include_edits) {
    std::vector<std::string> left_out = not_live_terms(include_deleted, include_edits);
    Xapian::Query excluded(Xapian::Query::OP_OR, left_out.begin(), left_out.end());
    return Xapian::Query(Xapian::Query::OP_AND_NOT, Xapian::Query::MatchAll, excluded);
}

struct QueryBuilder::Impl {
    const QueryBuilder& owner;
    std::vector<Token> tokens;
    std::size_t pos = 0;
    int depth = 0;
    Xapian::QueryParser text_parser;

    explicit Impl(const QueryBuilder& o) : owner(o) {
        text_parser.set_default_op(Xapian::Query::OP_AND);
    }

    const Token& peek() const { return tokens[pos]; }

    Part parse_or() {
        Part left = parse_and();
        while (peek().kind == Token::Kind::Or) {
            ++pos;
            if (peek().kind == Token::Kind::End || peek().kind == Token::Kind::RParen || peek().kind == Token::Kind::Or)
                throw QueryError("OR needs something after it", peek().column);
            Part right = parse_and();
            left = {Xapian::Query(Xapian::Query::OP_OR, left.query, right.query), left.filter && right.filter};
        }
        return left;
    }

    Part parse_and() {
        std::vector<Xapian::Query> text, filters, negatives;
        while (true) {
            const Token& t = peek();
            if (t.kind == Token::Kind::End || t.kind == Token::Kind::RParen || t.kind == Token::Kind::Or) break;
            if (t.kind == Token::Kind::And) {
                ++pos;
                continue;
            }
            bool negative = false;
            Part part = parse_unary(negative);
            if (negative) negatives.push_back(part.query);
            else if (part.filter) filters.push_back(part.query);
            else text.push_back(part.query);
        }
        Part result;
        if (!text.empty()) {
            result.query = Xapian::Query(Xapian::Query::OP_AND, text.begin(), text.end());
            if (!filters.empty())
                result.query = Xapian::Query(Xapian::Query::OP_FILTER, result.query,
                                             Xapian::Query(Xapian::Query::OP_AND, filters.begin(), filters.end()));
        } else if (!filters.empty()) {
            result.query = Xapian::Query(Xapian::Query::OP_AND, filters.begin(), filters.end());
            result.filter = true;
        } else {
            result.query = Xapian::Query::MatchAll;
            result.filter = true;
        }
        if (!negatives.empty())
            result.query = Xapian::Query(Xapian::Query::OP_AND_NOT, result.query,
                                         Xapian::Query(Xapian::Query::OP_OR, negatives.begin(), negatives.end()));
        return result;
    }

    Part parse_unary(bool& negative) {
        const Token& t = peek();
        if (t.kind == Token::Kind::Not) {
            ++pos;
            if (peek().kind == Token::Kind::End) throw QueryError("NOT needs something after it", t.column);
            bool inner_negative = false;
            Part inner = parse_unary(inner_negative);
            negative = !inner_negative;
            return inner;
        }
        negative = t.negated;
        return parse_primary();
    }

    Part parse_primary() {
        const Token t = peek();
        ++pos;
        switch (t.kind) {
            case Token::Kind::LParen: {
                if (++depth > kMaxDepth) throw QueryError(fmt::format("parentheses nested more than {} deep", kMaxDepth), t.column);
                Part inner = parse_or();
                if (peek().kind != Token::Kind::RParen) throw QueryError("missing ')' for this '('", t.column);
                ++pos;
                --depth;
                return inner;
            }
            case Token::Kind::RParen: throw QueryError("')' without a '(' before it", t.column);
            case Token::Kind::Phrase: return {phrase_query(t), false};
            case Token::Kind::Word: return word(t);
            default: throw QueryError(fmt::format("unexpected '{}'", t.text), t.column);
        }
    }

    Part word(const Token& t) {
        const std::string& w = t.text;
        if ((w[0] == '@' || w[0] == '#' || (w[0] == '$' && w.size() > 1 && !std::isdigit(static_cast<unsigned char>(w[1]))))) {
            const Field* op = find_sigil(w[0]);
            std::string value = w.substr(1);
            if (value.empty()) throw QueryError(fmt::format("'{}' needs a name after it", w[0]), t.column);
            return {operator_query(*op, value, t), true};
        }
        std::size_t colon = w.find(':');
        if (colon != std::string::npos && colon > 0) {
            std::string name = fold_case(w.substr(0, colon));
            std::string value = w.substr(colon + 1);
            if (const Field* op = find_operator(name)) {
                if (value.empty()) throw QueryError(fmt::format("{}: needs a value", name), t.column);
                return {operator_query(*op, value, t), true};
            }
            bool looks_like_operator = std::all_of(name.begin(), name.end(), [](char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; });
            if (looks_like_operator && !value.empty() && value[0] != '/')
                throw QueryError(fmt::format("unknown operator '{}:'; operators are {}", name, operator_list()), t.column);
        }
        return {free_word(t), false};
    }

    Xapian::Query free_word(const Token& t) {
        Xapian::Query parsed;
        try {
            parsed = text_parser.parse_query(t.text, Xapian::QueryParser::FLAG_CJK_NGRAM);
        } catch (const Xapian::QueryParserError&) {  // found by fuzz_query: bytes that are not UTF-8
            throw QueryError("this word cannot be searched (is it valid UTF-8?)", t.column);
        }
        std::vector<std::string> terms(parsed.get_unique_terms_begin(), parsed.get_unique_terms_end());
        if (terms.empty()) return Xapian::Query::MatchAll;  // punctuation only
        if (terms.size() > 1) return parsed;
        Xapian::Query forms = word_forms(terms[0]);
        // French "l'entreprise" was indexed as "l entreprise" (stemming.h).
        if (owner.elision_languages_ && terms[0].find('\'') != std::string::npos) {
            std::string split = split_elisions(terms[0], "fr");
            Xapian::Query parts = text_parser.parse_query(split, 0);
            std::vector<Xapian::Query> each;
            for (auto it = parts.get_unique_terms_begin(); it != parts.get_unique_terms_end(); ++it)
                each.push_back(word_forms(*it));
            forms = Xapian::Query(Xapian::Query::OP_OR, forms, Xapian::Query(Xapian::Query::OP_AND, each.begin(), each.end()));
        }
        return forms;
    }

    // A word matches itself and its stem in each language of the index.
    Xapian::Query word_forms(const std::string& word) const {
        std::vector<Xapian::Query> forms{Xapian::Query(word)};
        for (const auto& stemmer : owner.stemmers_) forms.emplace_back(std::string(prefix::stem) + stemmer(word));
        return Xapian::Query(Xapian::Query::OP_SYNONYM, forms.begin(), forms.end());
    }

    Xapian::Query phrase_query(const Token& t) {
        std::string quoted = "\"" + t.text + "\"";
        try {
            return text_parser.parse_query(quoted,
                                           Xapian::QueryParser::FLAG_PHRASE | Xapian::QueryParser::FLAG_CJK_NGRAM);
        } catch (const Xapian::QueryParserError&) {
            throw QueryError("this phrase cannot be searched (is it valid UTF-8?)", t.column);
        }
    }

    Xapian::Query operator_query(const Field& op, std::string value, const Token& t) {
        auto error = [&](const std::string& message) { return QueryError(message, t.column); };
        switch (op.op) {
            case OperatorKind::Account: {
                if (!value.empty() && value[0] == '@') value.erase(0, 1);
                std::string name = fold_case(value);
                if (name.find('*') == std::string::npos) return account_query(op, name);
                return term_or_wildcard(op.prefix, name, t);
            }
            case OperatorKind::Tag: {
                if (!value.empty() && (value[0] == '#' || value[0] == '$')) value.erase(0, 1);
                return term_or_wildcard(op.prefix, fold_case(value), t);
            }
            case OperatorKind::Term:
                // email:@DOMAIN: every address at that domain.
                if (op.prefix == prefix::email && value.size() > 1 && value[0] == '@')
                    return term_query(std::string(prefix::email_domain) + fold_case(value.substr(1)));
                return term_query(std::string(op.prefix) + fold_case(value));
            case OperatorKind::UrlPrefix: {
                NormalisedUrl n = normalise_url(value);
                if (n.key.empty()) throw error("url: needs a URL or the start of one");
                std::string pattern = std::string(op.prefix) + n.key;
                if (pattern.size() > kTermCutBytes) pattern.resize(kTermCutBytes);
                return Xapian::Query(Xapian::Query::OP_WILDCARD, pattern, kWildcardLimit, Xapian::Query::WILDCARD_LIMIT_ERROR);
            }
            case OperatorKind::Domain: {
                NormalisedUrl n = normalise_url(value);
                if (n.host.empty()) throw error("domain: needs a host name, like domain:example.com");
                return term_query(std::string(op.prefix) + n.host);
            }
            case OperatorKind::DateFrom: return date_from(parse_date(value, t));
            case OperatorKind::DateUntil: return date_before(parse_date(value, t));
            case OperatorKind::DateRange: {
                std::size_t dots = value.find("..");
                if (dots == std::string::npos) {
                    // One day (or one instant's day).
                    std::int64_t from = parse_date(value, t);
                    return Xapian::Query(Xapian::Query::OP_AND, date_from(from), date_before(end_of(value, from)));
                }
                std::string a = value.substr(0, dots), b = value.substr(dots + 2);
                if (a.empty() && b.empty()) throw error("date: needs at least one end, like date:2011-06-01..");
                std::vector<Xapian::Query> bounds;
                if (!a.empty()) bounds.push_back(date_from(parse_date(a, t)));
                if (!b.empty()) bounds.push_back(date_before(end_of(b, parse_date(b, t))));
                return Xapian::Query(Xapian::Query::OP_AND, bounds.begin(), bounds.end());
            }
            case OperatorKind::Flag: return flag_query(op, fold_case(value), t);
            case OperatorKind::MinCount: {
                std::int64_t n = 0;
                auto [p, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
                if (ec != std::errc() || p != value.data() + value.size() || n < 0)
                    throw error(fmt::format("{}: needs a whole number, not '{}'", op.name, value));
                return Xapian::Query(Xapian::Query::OP_VALUE_GE, op.slot, Xapian::sortable_serialise(static_cast<double>(n)));
            }
            case OperatorKind::MaxAge: {
                std::int64_t n = 0;
                auto [p, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
                std::string_view unit(p, static_cast<std::size_t>(value.data() + value.size() - p));
                static constexpr std::pair<std::string_view, std::int64_t> kUnits[] = {
                    {"s", 1}, {"m", 60}, {"h", 3600}, {"d", 86400}, {"w", 7 * 86400}};
                auto known = std::find_if(std::begin(kUnits), std::end(kUnits), [&](auto& u) { return u.first == unit; });
                if (ec != std::errc() || n < 0 || known == std::end(kUnits))
                    throw error(fmt::format("{}: needs a duration like 90m, 24h, 1d or 2w, not '{}'", op.name, value));
                // Found by fuzz_query: n * unit must not overflow (a thousand years is plenty).
                if (n > kMaxAgeSeconds / known->second)
                    throw error(fmt::format("{}: '{}' is longer than any account has existed", op.name, value));
                return Xapian::Query(Xapian::Query::OP_VALUE_LE, op.slot,
                                     Xapian::sortable_serialise(static_cast<double>(n * known->second)));
            }
            case OperatorKind::AccountStatus: return account_status_query(fold_case(value), t);
            case OperatorKind::None: break;
            case OperatorKind::Id: {
                if (value.empty() || !std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; }))
                    throw error(fmt::format("id: needs a tweet id (digits), not '{}'", value));
                return term_query(std::string(op.prefix) + value);
            }
        }
        throw error("unsupported operator");
    }

    // An account by every screen name it had and by its id (accounts.h): a renamed account's
    // tweets are found by either name.
    Xapian::Query account_query(const Field& op, const std::string& name) {
        std::vector<Xapian::Query> forms{term_query(std::string(op.prefix) + name)};
        if (auto account = AccountDirectory(owner.db_).find(name)) {
            for (const auto& n : account->screen_names) {
                std::string other = fold_case(n.name);
                if (other != name) forms.push_back(term_query(std::string(op.prefix) + other));
            }
            std::string_view id_prefix = op.prefix == prefix::author    ? prefix::author_id
                                         : op.prefix == prefix::mention ? prefix::mention_id
                                                                        : std::string_view{};
            if (!account->id.empty() && !id_prefix.empty()) forms.push_back(Xapian::Query(std::string(id_prefix) + account->id));
        }
        if (forms.size() == 1) return forms[0];
        return Xapian::Query(Xapian::Query::OP_OR, forms.begin(), forms.end());
    }

    // The tweets of every account the registry gives that status (a protected account's profile
    // counts too), by id (else by each screen name it had): the status may have been learned
    // after its tweets were indexed, from another file.
    Xapian::Query account_status_query(const std::string& status, const Token& t) {
        if (std::find(kAccountStatuses.begin(), kAccountStatuses.end(), status) == kAccountStatuses.end())
            throw QueryError(fmt::format("author_status: takes suspended, deleted, protected or withheld, not '{}'", status),
                             t.column);
        std::vector<Xapian::Query> forms;
        for (const auto& account : AccountDirectory(owner.db_).match("")) {
            if (account.status != status && !(status == "protected" && account.protected_)) continue;
            // By id when known: a screen name may since belong to another account.
            if (!account.id.empty()) {
                forms.push_back(Xapian::Query(std::string(prefix::author_id) + account.id));
                continue;
            }
            for (const auto& n : account.screen_names)
                forms.push_back(term_query(std::string(prefix::author) + fold_case(n.name)));
        }
        if (forms.empty()) return Xapian::Query::MatchNothing;
        return Xapian::Query(Xapian::Query::OP_OR, forms.begin(), forms.end());
    }

    Xapian::Query term_or_wildcard(std::string_view prefix, const std::string& value, const Token& t) {
        if (value.empty() || value == "*") throw QueryError("a name is needed (a lone * would match everything)", t.column);
        std::size_t star = value.find('*');
        if (star == std::string::npos) return term_query(std::string(prefix) + value);
        if (star != value.size() - 1) throw QueryError("* may only end a name, as in from:Dell*", t.column);
        return Xapian::Query(Xapian::Query::OP_WILDCARD, std::string(prefix) + value.substr(0, star), kWildcardLimit,
                             Xapian::Query::WILDCARD_LIMIT_ERROR);
    }

    std::int64_t parse_date(const std::string& value, const Token& t) {
        auto epoch = parse_query_date(value);
        if (!epoch)
            throw QueryError(fmt::format("'{}' is not a date: use YYYY-MM-DD, YYYY-MM-DDTHH:MM:SSZ or "
                                         "YYYY-MM-DD_HH:MM:SS_UTC",
                                         value),
                             t.column);
        return *epoch;
    }

    // The first second after the period a date names: a day for YYYY-MM-DD, else the instant.
    static std::int64_t end_of(const std::string& value, std::int64_t start) {
        return value.size() == 10 ? start + 86400 : start + 1;
    }

    // is:NAME and has:NAME by the flag's name, filter:NAME by Twitter's spellings (kTweetFlags).
    // is:deleted finds nothing without --include-deleted.
    Xapian::Query flag_query(const Field& op, const std::string& value, const Token& t) {
        bool by_filter = op.name == "filter";
        std::string known;
        for (const auto& f : kTweetFlags) {
            if (!by_filter && f.op != op.name) continue;
            bool found = false;
            for_each_name(by_filter ? f.filter_names : f.name, [&](std::string_view name) {
                found = found || name == value;
                known += known.empty() ? "" : ", ";
                known += name;
            });
            if (found) return Xapian::Query(std::string(f.term));
        }
        throw QueryError(fmt::format("{}:{} is not known; {}: takes {}", op.name, value, op.name, known), t.column);
    }
};

QueryBuilder::QueryBuilder(const Xapian::Database& db) : db_(db) {
    std::string lang_prefix(prefix::lang);
    std::set<std::string> seen;
    // A few language terms with long posting lists: stepping with ++ would read every chunk of
    // every list (1,300 blocks, 12 ms of each query at 1M tweets); skip_to past a term's chunks
    // seeks straight to the next term.
    for (auto it = db.allterms_begin(lang_prefix); it != db.allterms_end(lang_prefix);) {
        std::string term = *it;
        std::string lang = term.substr(lang_prefix.size());
        it.skip_to(term.append(1, '\x01'));
        Xapian::Stem stem = tagged_stemmer(lang);
        if (!stem.is_none()) stemmers_.push_back(stem);
        if (elides(lang)) elision_languages_ = true;
    }
}

Xapian::Query QueryBuilder::parse_bare(std::string_view query) const {
    if (query.size() > kMaxQueryBytes)
        throw QueryError(fmt::format("query longer than {} bytes", kMaxQueryBytes), kMaxQueryBytes);
    Impl impl(*this);
    impl.tokens = tokenise(query);
    Part part = impl.parse_or();
    if (impl.peek().kind == Token::Kind::RParen) throw QueryError("')' without a '(' before it", impl.peek().column);
    return part.query;
}

Xapian::Query QueryBuilder::parse(std::string_view query, bool include_deleted, bool include_edits) const {
    Xapian::Query q = parse_bare(query);
    return Xapian::Query(Xapian::Query::OP_FILTER, q, live_tweets_filter(include_deleted, include_edits));
}

std::string QueryBuilder::explain(std::string_view query, bool include_deleted, bool include_edits) const {
    return fmt::format("parsed: {}\nxapian: {}\n", parse_bare(query).get_description(),
                       parse(query, include_deleted, include_edits).get_description());
}

}  // namespace ti

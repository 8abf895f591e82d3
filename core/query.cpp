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

namespace {

// A node of `kind` at `column`, its other members empty (a function, not `QueryNode{kind,
// column}`, which -Wextra reports for each member left out).
QueryNode node_at(QueryNode::Kind kind, std::size_t column) {
    QueryNode node;
    node.kind = kind;
    node.column = column;
    return node;
}

QueryNode field_node(const Field& op, std::string value, std::size_t column);

// The parser: tokens to a QueryNode tree, every value checked and made canonical, so that
// lowering it to a Xapian query fails only on text Xapian's own parser refuses.
struct Parser {
    std::vector<Token> tokens;
    std::size_t pos = 0;
    int depth = 0;

    const Token& peek() const { return tokens[pos]; }

    QueryNode parse_or() {
        QueryNode left = parse_and();
        if (peek().kind != Token::Kind::Or) return left;
        QueryNode any = node_at(QueryNode::Kind::Or, left.column);
        any.children.push_back(std::move(left));
        while (peek().kind == Token::Kind::Or) {
            ++pos;
            if (peek().kind == Token::Kind::End || peek().kind == Token::Kind::RParen || peek().kind == Token::Kind::Or)
                throw QueryError("OR needs something after it", peek().column);
            any.children.push_back(parse_and());
        }
        return any;
    }

    // One part alone is itself, unless it is negated: "-a" is everything but a.
    QueryNode parse_and() {
        QueryNode all = node_at(QueryNode::Kind::And, peek().column);
        while (true) {
            const Token& t = peek();
            if (t.kind == Token::Kind::End || t.kind == Token::Kind::RParen || t.kind == Token::Kind::Or) break;
            if (t.kind == Token::Kind::And) {
                ++pos;
                continue;
            }
            all.children.push_back(parse_unary());
        }
        if (all.children.size() == 1 && all.children[0].kind != QueryNode::Kind::Not) return std::move(all.children[0]);
        return all;
    }

    QueryNode parse_unary() {
        const Token& t = peek();
        if (t.kind == Token::Kind::Not) {
            ++pos;
            if (peek().kind == Token::Kind::End) throw QueryError("NOT needs something after it", t.column);
            QueryNode negated = node_at(QueryNode::Kind::Not, t.column);
            negated.children.push_back(parse_unary());
            return negated;
        }
        if (!t.negated) return parse_primary();
        QueryNode negated = node_at(QueryNode::Kind::Not, t.column);
        negated.children.push_back(parse_primary());
        return negated;
    }

    QueryNode parse_primary() {
        const Token t = peek();
        ++pos;
        switch (t.kind) {
            case Token::Kind::LParen: {
                if (++depth > kMaxDepth) throw QueryError(fmt::format("parentheses nested more than {} deep", kMaxDepth), t.column);
                QueryNode inner = parse_or();
                if (peek().kind != Token::Kind::RParen) throw QueryError("missing ')' for this '('", t.column);
                ++pos;
                --depth;
                return inner;
            }
            case Token::Kind::RParen: throw QueryError("')' without a '(' before it", t.column);
            case Token::Kind::Phrase: return text_node(QueryNode::Kind::Phrase, t);
            case Token::Kind::Word: return word(t);
            default: throw QueryError(fmt::format("unexpected '{}'", t.text), t.column);
        }
    }

    static QueryNode text_node(QueryNode::Kind kind, const Token& t) {
        QueryNode n = node_at(kind, t.column);
        n.text = t.text;
        return n;
    }

    QueryNode word(const Token& t) {
        const std::string& w = t.text;
        if ((w[0] == '@' || w[0] == '#' || (w[0] == '$' && w.size() > 1 && !std::isdigit(static_cast<unsigned char>(w[1]))))) {
            const Field* op = find_sigil(w[0]);
            std::string value = w.substr(1);
            if (value.empty()) throw QueryError(fmt::format("'{}' needs a name after it", w[0]), t.column);
            return field_node(*op, value, t.column);
        }
        std::size_t colon = w.find(':');
        if (colon != std::string::npos && colon > 0) {
            std::string name = fold_case(w.substr(0, colon));
            std::string value = w.substr(colon + 1);
            if (const Field* op = find_operator(name)) {
                if (value.empty()) throw QueryError(fmt::format("{}: needs a value", name), t.column);
                return field_node(*op, value, t.column);
            }
            bool looks_like_operator = std::all_of(name.begin(), name.end(), [](char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; });
            if (looks_like_operator && !value.empty() && value[0] != '/')
                throw QueryError(fmt::format("unknown operator '{}:'; operators are {}", name, operator_list()), t.column);
        }
        return text_node(QueryNode::Kind::Word, t);
    }
};

// An operator and its value as a node at `column`, the value checked and made canonical
// (query.h); errors point at the column too.
QueryNode field_node(const Field& op, std::string value, std::size_t column) {
    auto error = [&](const std::string& message) { return QueryError(message, column); };
    QueryNode n = node_at(QueryNode::Kind::Field, column);
    n.field = &op;
    // A name or tag, widened by a trailing * where the field allows it.
    auto name = [&](std::string folded) {
        if (folded.empty() || folded == "*") throw error("a name is needed (a lone * would match everything)");
        std::size_t star = op.wildcard ? folded.find('*') : std::string::npos;
        if (star != std::string::npos && star != folded.size() - 1) throw error("* may only end a name, as in from:Dell*");
        n.wildcard = star != std::string::npos;
        if (n.wildcard) folded.pop_back();
        n.text = std::move(folded);
    };
    auto date = [&](const std::string& v) {
        auto epoch = parse_query_date(v);
        if (!epoch)
            throw error(fmt::format("'{}' is not a date: use YYYY-MM-DD, YYYY-MM-DDTHH:MM:SSZ or "
                                    "YYYY-MM-DD_HH:MM:SS_UTC",
                                    v));
        return *epoch;
    };
    // The first second after the period a date names: a day for YYYY-MM-DD, else the instant.
    auto end_of = [](const std::string& v, std::int64_t start) { return v.size() == 10 ? start + 86400 : start + 1; };
    switch (op.op) {
        case OperatorKind::Account: {
            if (!value.empty() && value[0] == '@') value.erase(0, 1);
            std::string folded = fold_case(value);
            // Only a name with a * needs one before it: from:* alone is refused there.
            if (folded.find('*') == std::string::npos) n.text = std::move(folded);
            else name(std::move(folded));
            return n;
        }
        case OperatorKind::Tag:
            if (!value.empty() && (value[0] == '#' || value[0] == '$')) value.erase(0, 1);
            name(fold_case(value));
            return n;
        case OperatorKind::Term: n.text = fold_case(value); return n;
        case OperatorKind::UrlPrefix: {
            NormalisedUrl u = normalise_url(value);
            if (u.key.empty()) throw error("url: needs a URL or the start of one");
            n.text = u.key;
            n.wildcard = true;
            return n;
        }
        case OperatorKind::Domain: {
            NormalisedUrl u = normalise_url(value);
            if (u.host.empty()) throw error("domain: needs a host name, like domain:example.com");
            n.text = u.host;
            return n;
        }
        case OperatorKind::DateFrom: n.low = date(value); return n;
        case OperatorKind::DateUntil: n.high = date(value) - 1; return n;
        case OperatorKind::DateRange: {
            std::size_t dots = value.find("..");
            if (dots == std::string::npos) {
                // One day (or one instant's day).
                n.low = date(value);
                n.high = end_of(value, *n.low) - 1;
                return n;
            }
            std::string a = value.substr(0, dots), b = value.substr(dots + 2);
            if (a.empty() && b.empty()) throw error("date: needs at least one end, like date:2011-06-01..");
            if (!a.empty()) n.low = date(a);
            if (!b.empty()) n.high = end_of(b, date(b)) - 1;
            return n;
        }
        case OperatorKind::Flag: {
            // is:NAME and has:NAME by the flag's name, filter:NAME by Twitter's spellings
            // (kTweetFlags). is:deleted finds nothing without --include-deleted.
            std::string wanted = fold_case(value);
            bool by_filter = op.id == FieldId::Filter;
            std::string known;
            for (const auto& f : kTweetFlags) {
                if (!by_filter && f.op != op.name) continue;
                bool found = false;
                for_each_name(by_filter ? f.filter_names : f.name, [&](std::string_view flag_name) {
                    found = found || flag_name == wanted;
                    known += known.empty() ? "" : ", ";
                    known += flag_name;
                });
                if (found) {
                    n.text = std::string(f.term);
                    return n;
                }
            }
            throw error(fmt::format("{}:{} is not known; {}: takes {}", op.name, wanted, op.name, known));
        }
        case OperatorKind::MinCount: {
            std::int64_t count = 0;
            auto [p, ec] = std::from_chars(value.data(), value.data() + value.size(), count);
            if (ec != std::errc() || p != value.data() + value.size() || count < 0)
                throw error(fmt::format("{}: needs a whole number, not '{}'", op.name, value));
            n.low = count;
            return n;
        }
        case OperatorKind::MaxAge: {
            std::int64_t count = 0;
            auto [p, ec] = std::from_chars(value.data(), value.data() + value.size(), count);
            std::string_view unit(p, static_cast<std::size_t>(value.data() + value.size() - p));
            static constexpr std::pair<std::string_view, std::int64_t> kUnits[] = {
                {"s", 1}, {"m", 60}, {"h", 3600}, {"d", 86400}, {"w", 7 * 86400}};
            auto known = std::find_if(std::begin(kUnits), std::end(kUnits), [&](auto& u) { return u.first == unit; });
            if (ec != std::errc() || count < 0 || known == std::end(kUnits))
                throw error(fmt::format("{}: needs a duration like 90m, 24h, 1d or 2w, not '{}'", op.name, value));
            // Found by fuzz_query: count * unit must not overflow (a thousand years is plenty).
            if (count > kMaxAgeSeconds / known->second)
                throw error(fmt::format("{}: '{}' is longer than any account has existed", op.name, value));
            n.high = count * known->second;
            return n;
        }
        case OperatorKind::AccountStatus: {
            std::string status = fold_case(value);
            if (std::find(kAccountStatuses.begin(), kAccountStatuses.end(), status) == kAccountStatuses.end())
                throw error(fmt::format("author_status: takes suspended, deleted, protected or withheld, not '{}'", status));
            n.text = std::move(status);
            return n;
        }
        case OperatorKind::Id:
            if (value.empty() || !std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; }))
                throw error(fmt::format("id: needs a tweet id (digits), not '{}'", value));
            n.text = std::move(value);
            return n;
        case OperatorKind::None: break;
    }
    throw error("unsupported operator");
}

// One element of an AND list, lowered.
struct Part {
    Xapian::Query query;
    bool filter = false;  // boolean (no weight): an operator, not free text
};

}  // namespace

// Lowering: a tree to the Xapian query it means, over the index's terms and slots.
struct QueryBuilder::Impl {
    const QueryBuilder& owner;
    Xapian::QueryParser text_parser;

    explicit Impl(const QueryBuilder& o) : owner(o) {
        text_parser.set_default_op(Xapian::Query::OP_AND);
    }

    Part lower(const QueryNode& n) {
        switch (n.kind) {
            case QueryNode::Kind::Word: return {free_word(n), false};
            case QueryNode::Kind::Phrase: return {phrase_query(n), false};
            case QueryNode::Kind::Field: return {field_query(n), true};
            case QueryNode::Kind::Or: {
                Part left = lower(n.children.at(0));
                for (std::size_t i = 1; i < n.children.size(); ++i) {
                    Part right = lower(n.children[i]);
                    left = {Xapian::Query(Xapian::Query::OP_OR, left.query, right.query), left.filter && right.filter};
                }
                return left;
            }
            case QueryNode::Kind::Not: {
                QueryNode all = node_at(QueryNode::Kind::And, n.column);
                all.children.push_back(n);
                return lower_and(all);
            }
            case QueryNode::Kind::And: return lower_and(n);
        }
        return {Xapian::Query::MatchNothing, true};
    }

    // Free text ranks, operators filter it, negated parts are taken away.
    Part lower_and(const QueryNode& n) {
        std::vector<Xapian::Query> text, filters, negatives;
        for (const auto& child : n.children) {
            const QueryNode* c = &child;
            bool negative = false;
            while (c->kind == QueryNode::Kind::Not) {
                negative = !negative;
                c = &c->children.at(0);
            }
            Part part = lower(*c);
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

    Xapian::Query free_word(const QueryNode& n) {
        Xapian::Query parsed;
        try {
            parsed = text_parser.parse_query(n.text, Xapian::QueryParser::FLAG_CJK_NGRAM);
        } catch (const Xapian::QueryParserError&) {  // found by fuzz_query: bytes that are not UTF-8
            throw QueryError("this word cannot be searched (is it valid UTF-8?)", n.column);
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

    // A word matches itself and, in a tweet of each language of the index, the words of the
    // index with its stem in that language (their XSTEM terms), as Z terms on each tweet did
    // (which indexes of schema 4 and before hold: asked for too).
    Xapian::Query word_forms(const std::string& word) const {
        std::vector<Xapian::Query> forms{Xapian::Query(word)};
        for (const auto& language : owner.stemmed_languages_) {
            std::string stem = language.stemmer(word);
            forms.emplace_back(std::string(prefix::stem) + stem);
            std::string words_of_stem = std::string(prefix::stem_of_word) + stem + ' ';
            std::vector<Xapian::Query> words;
            for (auto it = owner.db_.allterms_begin(words_of_stem); it != owner.db_.allterms_end(words_of_stem); ++it)
                words.emplace_back((*it).substr(words_of_stem.size()));
            if (words.empty()) continue;
            forms.emplace_back(Xapian::Query::OP_FILTER, Xapian::Query(Xapian::Query::OP_SYNONYM, words.begin(), words.end()),
                               Xapian::Query(std::string(prefix::lang) + language.code));
        }
        return Xapian::Query(Xapian::Query::OP_SYNONYM, forms.begin(), forms.end());
    }

    Xapian::Query phrase_query(const QueryNode& n) {
        std::string quoted = "\"" + n.text + "\"";
        try {
            return text_parser.parse_query(quoted,
                                           Xapian::QueryParser::FLAG_PHRASE | Xapian::QueryParser::FLAG_CJK_NGRAM);
        } catch (const Xapian::QueryParserError&) {
            throw QueryError("this phrase cannot be searched (is it valid UTF-8?)", n.column);
        }
    }

    Xapian::Query field_query(const QueryNode& n) {
        const Field& op = *n.field;
        if (auto terms = owner.terms_of(n)) {
            if (terms->empty()) return Xapian::Query::MatchNothing;
            if (terms->size() == 1) return Xapian::Query((*terms)[0]);
            std::vector<Xapian::Query> each(terms->begin(), terms->end());
            return Xapian::Query(Xapian::Query::OP_OR, each.begin(), each.end());
        }
        if (n.wildcard) {
            std::string pattern = std::string(op.prefix) + n.text;
            if (op.op == OperatorKind::UrlPrefix && pattern.size() > kTermCutBytes) pattern.resize(kTermCutBytes);
            return Xapian::Query(Xapian::Query::OP_WILDCARD, pattern, kWildcardLimit, Xapian::Query::WILDCARD_LIMIT_ERROR);
        }
        // A range over the field's slot, both ends included.
        auto bound = [&](Xapian::Query::op ge_or_le, std::int64_t v) {
            return Xapian::Query(ge_or_le, op.slot, Xapian::sortable_serialise(static_cast<double>(v)));
        };
        if (n.low && n.high)
            return Xapian::Query(Xapian::Query::OP_AND, bound(Xapian::Query::OP_VALUE_GE, *n.low),
                                 bound(Xapian::Query::OP_VALUE_LE, *n.high));
        if (n.low) return bound(Xapian::Query::OP_VALUE_GE, *n.low);
        if (n.high) return bound(Xapian::Query::OP_VALUE_LE, *n.high);
        return Xapian::Query::MatchNothing;
    }
};

std::optional<std::vector<std::string>> QueryBuilder::terms_of(const QueryNode& n) const {
    if (n.kind == QueryNode::Kind::Or) {
        std::vector<std::string> all;
        for (const auto& child : n.children) {
            auto terms = terms_of(child);
            if (!terms) return std::nullopt;
            all.insert(all.end(), terms->begin(), terms->end());
        }
        return all;
    }
    if (n.kind != QueryNode::Kind::Field || n.wildcard) return std::nullopt;
    const Field& op = *n.field;
    auto term = [](std::string_view prefix, std::string_view value) {
        return limit_term_length(std::string(prefix) + std::string(value));
    };
    switch (op.op) {
        case OperatorKind::Account: return account_terms(op, n.text);
        case OperatorKind::Tag:
        case OperatorKind::Domain:
        case OperatorKind::Id: return std::vector<std::string>{term(op.prefix, n.text)};
        case OperatorKind::Term:
            // email:@DOMAIN: every address at that domain.
            if (op.id == FieldId::Email && n.text.size() > 1 && n.text[0] == '@')
                return std::vector<std::string>{term(prefix::email_domain, n.text.substr(1))};
            return std::vector<std::string>{term(op.prefix, n.text)};
        case OperatorKind::Flag: return std::vector<std::string>{n.text};
        case OperatorKind::AccountStatus: return account_status_terms(n.text);
        default: return std::nullopt;
    }
}

// An account by every screen name it had and by its id (accounts.h): a renamed account's
// tweets are found by either name.
std::vector<std::string> QueryBuilder::account_terms(const Field& op, const std::string& name) const {
    std::vector<std::string> terms{limit_term_length(std::string(op.prefix) + name)};
    if (auto account = AccountDirectory(db_).find(name)) {
        for (const auto& n : account->screen_names) {
            std::string other = fold_case(n.name);
            if (other != name) terms.push_back(limit_term_length(std::string(op.prefix) + other));
        }
        std::string_view id_prefix = op.id == FieldId::Author    ? prefix::author_id
                                     : op.id == FieldId::Mention ? prefix::mention_id
                                                                 : std::string_view{};
        if (!account->id.empty() && !id_prefix.empty()) terms.push_back(std::string(id_prefix) + account->id);
    }
    return terms;
}

// The tweets of every account the registry gives that status (a protected account's profile
// counts too), by id (else by each screen name it had): the status may have been learned
// after its tweets were indexed, from another file.
std::vector<std::string> QueryBuilder::account_status_terms(const std::string& status) const {
    std::vector<std::string> terms;
    for (const auto& account : AccountDirectory(db_).match("")) {
        if (account.status != status && !(status == "protected" && account.protected_)) continue;
        // By id when known: a screen name may since belong to another account.
        if (!account.id.empty()) {
            terms.push_back(std::string(prefix::author_id) + account.id);
            continue;
        }
        for (const auto& n : account.screen_names) {
            std::string term(prefix::author);
            term += fold_case(n.name);  // appended, not a sum of two strings: g++ 12's -Wrestrict
            terms.push_back(limit_term_length(term));
        }
    }
    return terms;
}

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
        if (!stem.is_none()) stemmed_languages_.push_back({lang, stem});
        if (elides(lang)) elision_languages_ = true;
    }
}

QueryNode QueryBuilder::parse_tree(std::string_view query) const {
    if (query.size() > kMaxQueryBytes)
        throw QueryError(fmt::format("query longer than {} bytes", kMaxQueryBytes), kMaxQueryBytes);
    Parser parser;
    parser.tokens = tokenise(query);
    QueryNode tree = parser.parse_or();
    if (parser.peek().kind == Token::Kind::RParen) throw QueryError("')' without a '(' before it", parser.peek().column);
    return tree;
}

QueryNode QueryBuilder::field_node(FieldId id, std::string value) {
    return ti::field_node(field(id), std::move(value), 0);
}

Xapian::Query QueryBuilder::lower(const QueryNode& tree) const {
    Impl impl(*this);
    return impl.lower(tree).query;
}

Xapian::Query QueryBuilder::lower(const QueryNode& tree, bool include_deleted, bool include_edits) const {
    return Xapian::Query(Xapian::Query::OP_FILTER, lower(tree), live_tweets_filter(include_deleted, include_edits));
}

Xapian::Query QueryBuilder::parse_bare(std::string_view query) const { return lower(parse_tree(query)); }

QueryBuilder::Parsed QueryBuilder::parse_and_lower(std::string_view query, bool include_deleted,
                                                  bool include_edits) const {
    Parsed parsed;
    parsed.tree = parse_tree(query);
    parsed.query = lower(parsed.tree, include_deleted, include_edits);
    return parsed;
}

Xapian::Query QueryBuilder::parse(std::string_view query, bool include_deleted, bool include_edits) const {
    return parse_and_lower(query, include_deleted, include_edits).query;
}

std::string QueryBuilder::explain(std::string_view query, bool include_deleted, bool include_edits) const {
    Parsed parsed = parse_and_lower(query, include_deleted, include_edits);
    return fmt::format("parsed: {}\nxapian: {}\n", describe_tree(parsed.tree), parsed.query.get_description());
}

namespace {
// A value in double quotes; quotes, backslashes and control bytes escaped, so the form is one line
// and nothing typed reaches a terminal as a control sequence.
void append_quoted(std::string& out, std::string_view s) {
    out += '"';
    for (char c : s) {
        auto u = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') out += '\\';
        if (u < 0x20 || u == 0x7f) out += fmt::format("\\x{:02x}", u);
        else out += c;
    }
    out += '"';
}

std::string bound(const Field& f, std::optional<std::int64_t> v) {
    if (!v) return {};
    return f.slot == kSlotDate ? format_iso_date(*v) : std::to_string(*v);
}
}  // namespace

std::string describe_tree(const QueryNode& n) {
    std::string out = "(";
    switch (n.kind) {
        case QueryNode::Kind::And: out += "and"; break;
        case QueryNode::Kind::Or: out += "or"; break;
        case QueryNode::Kind::Not: out += "not"; break;
        case QueryNode::Kind::Word: out += "word"; break;
        case QueryNode::Kind::Phrase: out += "phrase"; break;
        case QueryNode::Kind::Field: out += n.field ? std::string(n.field->name) : "?"; break;
    }
    out += fmt::format("@{}", n.column);
    for (const auto& child : n.children) {
        out += ' ';
        out += describe_tree(child);  // not " " + ...: g++ 12 reports that insert (-Wrestrict)
    }
    if (n.kind == QueryNode::Kind::Word || n.kind == QueryNode::Kind::Phrase) {
        out += ' ';
        append_quoted(out, n.text);
    } else if (n.kind == QueryNode::Kind::Field && n.field) {
        out += ' ';
        if (n.low || n.high) out += bound(*n.field, n.low) + ".." + bound(*n.field, n.high);
        else append_quoted(out, n.text);
        if (n.wildcard) out += '*';
    }
    return out + ")";
}

}  // namespace ti

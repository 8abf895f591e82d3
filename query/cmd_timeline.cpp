// tweet-query timeline [QUERY] --by PERIOD: matching tweets per hour, day, week, month or year.
#include "aggregates.h"
#include "command.h"
#include "index.h"
#include "output.h"

#include <fmt/format.h>

namespace tq {

namespace {

class TimelineCommand : public Command {
  public:
    std::string name() const override { return "timeline"; }
    std::string summary() const override { return "tweets per period: tweet-query timeline '#seesmic' --by month"; }
    void add_options(CLI::App& sub) override {
        sub.add_option("--by", by_, "hour, day (default), week, month or year");
        sub.footer("Counts live tweets matching QUERY (all when empty) per UTC period, from the first to the last, "
                   "empty periods included.\nPeriods are labelled 2011-06-01T12:00Z (hour), 2011-06-01 (day), "
                   "the Monday a week starts on (week), 2011-06 (month), 2011 (year).\n"
                   "Example: tweet-query timeline 'from:guykawasaki' --by year --format csv");
    }
    int run(const CommonOptions& common, const std::vector<std::string>& words) override {
        auto period = parse_period(by_);
        if (!period) {
            print_error(fmt::format("--by takes hour, day, week, month or year, not '{}'", by_));
            return kExitError;
        }
        Format format = parse_format(common.format);
        std::string query = join_words(words);
        std::string path = ti::resolve_db_path(common.db);
        Xapian::Database db = ti::open_index_for_reading(path);
        auto q = parse_or_report(db, query);
        if (!q) return kExitError;
        bool everything = query.find_first_not_of(" \t") == std::string::npos;
        try {
            auto rows = with_reopen(db, path, [&] { return timeline(db, *period, *q, everything, nullptr); });
            write_timeline(stdout, format, rows, common.csv_raw);
        } catch (const TimelineTooLong& e) {
            fmt::print(stderr, "tweet-query: {}: use --by {} (or a query with since:/until:)\n", e.what(),
                       period_name(e.fits));
            return kExitError;
        }
        return kExitOk;
    }

  private:
    std::string by_ = "day";
};

}  // namespace

std::unique_ptr<Command> make_timeline_command() { return std::make_unique<TimelineCommand>(); }

}  // namespace tq

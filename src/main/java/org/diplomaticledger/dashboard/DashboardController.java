package org.diplomaticledger.dashboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.Hidden;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.diplomaticledger.presence.api.PresenceIds;
import org.diplomaticledger.presence.projection.HeadsOfMissionProjection;
import org.diplomaticledger.presence.projection.HeadsOfMissionQueries;
import org.diplomaticledger.presence.projection.HeadsOfMissionViews.MissionHeadsDetail;
import org.diplomaticledger.presence.projection.StaffingProjection;
import org.diplomaticledger.presence.projection.StaffingQueries;
import org.diplomaticledger.presence.projection.StaffingTrends;
import org.diplomaticledger.presence.projection.StaffingViews.CeilingSpan;
import org.diplomaticledger.presence.projection.StaffingViews.HeadcountPoint;
import org.diplomaticledger.presence.projection.StaffingViews.PresenceStaffingDetail;
import org.diplomaticledger.presence.projection.StaffingViews.PresenceStaffingView;
import org.diplomaticledger.projection.PageQuery;
import org.diplomaticledger.projection.QueryParams;
import org.diplomaticledger.projection.ReadPosition;
import org.diplomaticledger.projection.ReadView;
import org.diplomaticledger.projection.Reads;
import org.diplomaticledger.projection.ResourceNotFound;
import org.diplomaticledger.relations.projection.RelationsProjection;
import org.diplomaticledger.relations.projection.RelationsQueries;
import org.diplomaticledger.relations.projection.RelationsViews.RelationsView;
import org.diplomaticledger.shared.CountryCode;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * The dashboard's analyst pages (docs/dashboard.md): the overview and one presence. They read the same query
 * services as the API's controllers, at the point in time the URL names ({@code asOf}, {@code knownAt}, read by the
 * API's own argument resolver into a {@link ReadPosition}).
 */
@Hidden
@Controller
class DashboardController {

    /** The most presences the overview reads (the API's largest page). */
    private static final int MAX_PRESENCES = PageQuery.MAX_SIZE;
    /** How far back the headcount chart reaches at most (the API's limit for one trend). */
    private static final int MAX_CHART_YEARS = 100;

    private final Reads reads;
    private final StaffingQueries staffing;
    private final StaffingTrends trends;
    private final RelationsQueries relations;
    private final HeadsOfMissionQueries heads;
    private final ObjectMapper json;
    private final Clock clock;
    private final LatestEvents latestEvents;

    DashboardController(
            Reads reads,
            StaffingQueries staffing,
            StaffingTrends trends,
            RelationsQueries relations,
            HeadsOfMissionQueries heads,
            ObjectMapper json,
            Clock clock,
            LatestEvents latestEvents) {
        this.latestEvents = latestEvents;
        this.reads = reads;
        this.staffing = staffing;
        this.trends = trends;
        this.relations = relations;
        this.heads = heads;
        this.json = json;
        this.clock = clock;
    }

    @GetMapping("/login")
    String login() {
        return "login";
    }

    /** Where a page the user's roles do not reach is forwarded (403). */
    @RequestMapping("/denied")
    @ResponseStatus(HttpStatus.FORBIDDEN)
    String denied() {
        return "denied";
    }

    @GetMapping("/")
    String overview(@RequestParam(required = false) String state, ReadPosition read, Authentication user, Model model) {
        LocalDate today = LocalDate.now(clock);
        if (!Roles.reads(user)) {
            model.addAttribute("time", TimeControls.of(read, today, today.getYear() - 10));
            return "welcome";
        }
        CountryCode filter = QueryParams.country("state", state);
        ReadView staffingView = reads.await(StaffingProjection.NAME, read);
        LocalDate day = read.day(null, clock);
        List<PresenceStaffingView> presences = staffing.presences(
                        staffingView,
                        new StaffingQueries.PresenceFilter(null, null, filter),
                        PageQuery.of(
                                0,
                                MAX_PRESENCES,
                                null,
                                false,
                                StaffingQueries.PRESENCE_SORTABLE,
                                StaffingQueries.PRESENCE_DEFAULT_SORT),
                        day)
                .items();
        ReadView relationsView = reads.await(RelationsProjection.NAME, read);
        List<RelationsView> levels = relations
                .listAsRecorded(
                        relationsView,
                        new RelationsQueries.Filter(filter, null, null, List.of()),
                        PageQuery.of(
                                0,
                                PageQuery.MAX_SIZE,
                                null,
                                false,
                                RelationsQueries.SORTABLE,
                                RelationsQueries.DEFAULT_SORT))
                .items();
        int firstYear = Stream.concat(
                        levels.stream().map(RelationsView::since),
                        presences.stream().flatMap(p -> p.ceilings().stream().map(c -> c.since())))
                .filter(d -> d != null)
                .mapToInt(LocalDate::getYear)
                .min()
                .orElse(today.getYear() - 10);
        TimeControls time = TimeControls.of(read, today, firstYear);
        model.addAttribute("time", time);
        model.addAttribute("page", OverviewPage.of(presences, levels, filter == null ? null : filter.value(), time));
        model.addAttribute(
                "latest", latestEvents.latest(read.asOf(), read.knownAt(), filter == null ? null : filter.value()));
        model.addAttribute("path", "/");
        return "overview";
    }

    @GetMapping("/presences/{sending}/{receiving}")
    String presence(@PathVariable String sending, @PathVariable String receiving, ReadPosition read, Model model) {
        String presenceId = PresenceIds.presence(
                QueryParams.country("sending", sending), QueryParams.country("receiving", receiving));
        LocalDate today = LocalDate.now(clock);
        LocalDate day = read.day(null, clock);
        ReadView view = reads.await(StaffingProjection.NAME, read);
        PresenceStaffingDetail detail = staffing.presence(view, presenceId, day)
                .orElseThrow(() -> new ResourceNotFound("the ledger knows nothing of the presence " + presenceId
                        + (read.asOf() == null ? "" : " on " + read.asOf())));
        List<CeilingSpan> ceilings = trends.ceilingHistory(view, presenceId);
        ReadView headsView = reads.await(HeadsOfMissionProjection.NAME, read);
        List<MissionHeadsDetail> missionHeads = new ArrayList<>();
        detail.missions()
                .forEach(mission ->
                        heads.mission(headsView, mission.missionId(), day).ifPresent(missionHeads::add));

        int firstYear = Stream.of(
                        ceilings.stream().map(CeilingSpan::from),
                        detail.expulsions().stream().map(e -> e.declaredOn()),
                        detail.missions().stream()
                                .map(m -> m.reported() == null
                                        ? null
                                        : m.reported().on()),
                        Stream.of(
                                detail.presence().reported() == null
                                        ? null
                                        : detail.presence().reported().on()),
                        missionHeads.stream().flatMap(h -> h.tenures().stream().map(PresencePage::start)))
                .flatMap(s -> s)
                .filter(d -> d != null && !d.isAfter(day))
                .mapToInt(LocalDate::getYear)
                .min()
                .orElse(day.getYear() - 10);
        YearMonth to = YearMonth.from(day);
        YearMonth from =
                YearMonth.of(Math.max(Math.min(firstYear - 1, day.getYear() - 5), day.getYear() - MAX_CHART_YEARS), 1);
        List<HeadcountPoint> trend = trends.headcountTrend(view, presenceId, from, to);

        TimeControls time = TimeControls.of(read, today, firstYear);
        model.addAttribute("time", time);
        model.addAttribute("page", PresencePage.of(detail, trend, ceilings, missionHeads, day, json));
        model.addAttribute(
                "path", "/presences/" + PresenceIds.sendingOf(presenceId) + "/" + PresenceIds.receivingOf(presenceId));
        model.addAttribute("sending", PresenceIds.sendingOf(presenceId));
        model.addAttribute("receiving", PresenceIds.receivingOf(presenceId));
        return "presence";
    }
}

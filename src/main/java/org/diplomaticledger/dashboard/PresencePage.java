package org.diplomaticledger.dashboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.diplomaticledger.presence.projection.HeadsOfMissionViews.ChargeView;
import org.diplomaticledger.presence.projection.HeadsOfMissionViews.CurrentHead;
import org.diplomaticledger.presence.projection.HeadsOfMissionViews.MissionHeadView;
import org.diplomaticledger.presence.projection.HeadsOfMissionViews.MissionHeadsDetail;
import org.diplomaticledger.presence.projection.HeadsOfMissionViews.RecallView;
import org.diplomaticledger.presence.projection.HeadsOfMissionViews.TenureView;
import org.diplomaticledger.presence.projection.HeadsOfMissionViews.VacancyView;
import org.diplomaticledger.presence.projection.StaffingViews.CeilingSpan;
import org.diplomaticledger.presence.projection.StaffingViews.HeadcountPoint;
import org.diplomaticledger.presence.projection.StaffingViews.MissionExpulsionView;
import org.diplomaticledger.presence.projection.StaffingViews.PresenceStaffingDetail;

/**
 * One presence: its figures on the day shown, the headcount month by month against its ceilings (the chart's data,
 * as JSON for the page's script) and each mission's heads as a timeline.
 */
record PresencePage(
        PresenceStaffingDetail detail,
        String chartJson,
        List<MissionTimeline> timelines,
        LocalDate timelineFrom,
        LocalDate timelineTo) {

    /** A bar of a mission's timeline: a tenure, a chargé d'affaires a.i. or a vacancy, placed in percent of the span. */
    record Bar(String kind, String label, LocalDate from, LocalDate to, boolean open, double left, double width) {
        public String title() {
            return label + ": " + from + " to " + (open ? "—" : to);
        }

        public String style() {
            return String.format(java.util.Locale.ROOT, "left:%.2f%%;width:%.2f%%", left, Math.max(width, 0.4));
        }
    }

    /** One step of a tenure (agrément, appointment, credentials, recall, end), for the table beside the timeline. */
    record Step(String what, LocalDate on) {}

    /** A tenure with its steps in order. */
    record Tenure(TenureView tenure, List<Step> steps) {}

    /** One mission's heads: the bars, the tenures with their steps, the chargés and the vacancies. */
    record MissionTimeline(
            String missionId,
            String name,
            String status,
            String current,
            List<Bar> bars,
            List<Tenure> tenures,
            List<ChargeView> charges,
            List<VacancyView> vacancies) {}

    static PresencePage of(
            PresenceStaffingDetail detail,
            List<HeadcountPoint> trend,
            List<CeilingSpan> ceilings,
            List<MissionHeadsDetail> heads,
            LocalDate day,
            ObjectMapper json) {
        return new PresencePage(
                detail,
                chart(trend, ceilings, detail.expulsions(), day, json),
                timelines(heads, day),
                timelineFrom(heads, day),
                day);
    }

    /** The first day of the heads' timeline: the earliest date of any bar, or ten years before the day shown. */
    private static LocalDate timelineFrom(List<MissionHeadsDetail> heads, LocalDate day) {
        return heads.stream()
                .flatMap(h -> Stream.concat(
                        h.tenures().stream().map(PresencePage::start),
                        Stream.concat(
                                h.chargesDAffaires().stream().map(ChargeView::from),
                                h.vacancies().stream().map(VacancyView::from))))
                .filter(d -> d != null && !d.isAfter(day))
                .min(LocalDate::compareTo)
                .orElse(day.minusYears(10));
    }

    /** When a tenure starts on the timeline: taking up functions, or the earliest step known. */
    static LocalDate start(TenureView t) {
        return Stream.of(
                        t.functionsStartedOn(),
                        t.credentialsPresentedOn(),
                        t.copyPresentedOn(),
                        t.appointedOn(),
                        t.agrementGrantedOn(),
                        t.agrementRequestedOn())
                .filter(d -> d != null)
                .findFirst()
                .orElse(null);
    }

    private static List<MissionTimeline> timelines(List<MissionHeadsDetail> heads, LocalDate day) {
        LocalDate from = timelineFrom(heads, day);
        double span = Math.max(1, ChronoUnit.DAYS.between(from, day));
        List<MissionTimeline> timelines = new ArrayList<>();
        for (MissionHeadsDetail mission : heads) {
            List<Bar> bars = new ArrayList<>();
            List<Tenure> tenures = new ArrayList<>();
            for (TenureView t : mission.tenures()) {
                LocalDate start = start(t);
                List<Step> steps = new ArrayList<>();
                add(steps, "agrément requested", t.agrementRequestedOn());
                add(steps, "agrément granted", t.agrementGrantedOn());
                add(steps, "agrément refused", t.agrementRefusedOn());
                add(steps, "appointed", t.appointedOn());
                add(steps, "copy of credentials presented", t.copyPresentedOn());
                add(steps, "credentials presented", t.credentialsPresentedOn());
                for (RecallView recall : t.recalls()) {
                    add(steps, "recalled (" + Labels.words(recall.kind()) + ")", recall.recalledOn());
                    add(steps, "returned", recall.returnedOn());
                }
                add(
                        steps,
                        "ended" + (t.endedHow() == null ? "" : " (" + Labels.words(t.endedHow()) + ")"),
                        t.endedOn());
                tenures.add(new Tenure(t, steps));
                if (start != null) {
                    bars.add(bar(
                            "tenure",
                            (t.name() == null ? t.personId() : t.name()) + ", " + Labels.words(t.headClass()),
                            start,
                            t.endedOn(),
                            from,
                            span,
                            day));
                }
            }
            for (ChargeView charge : mission.chargesDAffaires()) {
                bars.add(bar(
                        "charge",
                        (charge.name() == null ? charge.personId() : charge.name()) + ", chargé d'affaires a.i.",
                        charge.from(),
                        charge.to(),
                        from,
                        span,
                        day));
            }
            for (VacancyView vacancy : mission.vacancies()) {
                bars.add(bar("vacancy", "vacant", vacancy.from(), vacancy.to(), from, span, day));
            }
            timelines.add(new MissionTimeline(
                    mission.mission().missionId(),
                    mission.mission().missionName(),
                    Labels.words(mission.mission().missionStatus()),
                    now(mission.mission()),
                    bars,
                    tenures,
                    mission.chargesDAffaires(),
                    mission.vacancies()));
        }
        return timelines;
    }

    /**
     * Who is in charge on the day shown: the head or the acting chargé with their status, "vacant" (with the chargé
     * acting in the vacancy, if any), or "closed" when the mission is: a closure records no end of its head's tenure,
     * so a closed post is not said to have a head.
     */
    static String now(MissionHeadView mission) {
        CurrentHead current = mission.current();
        String who = current == null
                ? null
                : (current.name() == null ? current.personId() : current.name()) + " (" + Labels.words(current.status())
                        + ")";
        return switch (mission.post()) {
            case CLOSED ->
                "closed" + (mission.missionStatusSince() == null ? "" : " since " + mission.missionStatusSince());
            case VACANT -> who == null ? "vacant" : "vacant; " + who;
            case HEADED -> who;
        };
    }

    private static void add(List<Step> steps, String what, LocalDate on) {
        if (on != null) {
            steps.add(new Step(what, on));
        }
    }

    private static Bar bar(
            String kind, String label, LocalDate start, LocalDate end, LocalDate from, double span, LocalDate day) {
        boolean open = end == null || end.isAfter(day);
        LocalDate to = open ? day : end;
        LocalDate clipped = start.isBefore(from) ? from : start;
        double left = 100.0 * ChronoUnit.DAYS.between(from, clipped) / span;
        double width = 100.0 * ChronoUnit.DAYS.between(clipped, to) / span;
        return new Bar(
                kind,
                label,
                start,
                end,
                open,
                Math.max(0, Math.min(100, left)),
                Math.max(0, Math.min(100 - left, width)));
    }

    /**
     * The chart's data: the headcount at each month's end, one line per ceiling span (its limit from its first day
     * to its last, or to the day shown), and a marker per expulsion at the headcount of its month.
     */
    private static String chart(
            List<HeadcountPoint> trend,
            List<CeilingSpan> ceilings,
            List<MissionExpulsionView> expulsions,
            LocalDate day,
            ObjectMapper json) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("asOf", day.toString());
        data.put(
                "headcount",
                trend.stream()
                        .map(p -> List.of(p.date().toString(), p.headcount()))
                        .toList());
        List<Map<String, Object>> lines = new ArrayList<>();
        for (CeilingSpan ceiling : ceilings) {
            if (ceiling.from().isAfter(day)) {
                continue;
            }
            LocalDate end = ceiling.to() == null || ceiling.to().isAfter(day) ? day : ceiling.to();
            lines.add(Map.of(
                    "name",
                    "ceiling " + ceiling.limit() + " (" + Labels.category(ceiling.category()) + ")",
                    "points",
                    List.of(
                            List.of(ceiling.from().toString(), ceiling.limit()),
                            List.of(end.toString(), ceiling.limit()))));
        }
        data.put("ceilings", lines);
        List<List<Object>> marks = new ArrayList<>();
        for (MissionExpulsionView expulsion : expulsions) {
            int headcount = trend.stream()
                    .filter(p -> !p.date().isBefore(expulsion.declaredOn()))
                    .findFirst()
                    .map(HeadcountPoint::headcount)
                    .orElse(0);
            marks.add(List.of(
                    expulsion.declaredOn().toString(),
                    headcount,
                    expulsion.expulsionId() + ": " + (expulsion.named() + expulsion.counted()) + " expelled"));
        }
        data.put("expulsions", marks);
        try {
            // The JSON sits inside a <script> element: no "<" may close it early.
            return json.writeValueAsString(data).replace("<", "\\u003c");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

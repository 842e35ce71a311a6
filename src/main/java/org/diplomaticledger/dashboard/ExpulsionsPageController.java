package org.diplomaticledger.dashboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.Hidden;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.diplomaticledger.presence.projection.ExpulsionTrends;
import org.diplomaticledger.presence.projection.ExpulsionsProjection;
import org.diplomaticledger.presence.projection.ExpulsionsQueries;
import org.diplomaticledger.presence.projection.ExpulsionsViews.ExpulsionTrendRow;
import org.diplomaticledger.presence.projection.ExpulsionsViews.ExpulsionView;
import org.diplomaticledger.projection.PageQuery;
import org.diplomaticledger.projection.QueryParameterException;
import org.diplomaticledger.projection.QueryParams;
import org.diplomaticledger.projection.ReadPosition;
import org.diplomaticledger.projection.ReadView;
import org.diplomaticledger.projection.Reads;
import org.diplomaticledger.shared.CountryCode;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The expulsions page (docs/dashboard.md): every expulsion (of a pair of states, {@code ?a=RU&b=US}, or of all) with
 * its deadline, departures, what is still due and the expulsion it answers; for a pair, the staff expelled each way
 * per year and the balance, as a chart and a table. The same {@link ExpulsionsQueries} as
 * {@code GET /api/v1/expulsions} and {@link ExpulsionTrends} as {@code GET /api/v1/trends/expulsions}.
 */
@Hidden
@Controller
class ExpulsionsPageController {

    private final Reads reads;
    private final ExpulsionsQueries expulsions;
    private final ExpulsionTrends trends;
    private final ObjectMapper json;
    private final Clock clock;

    ExpulsionsPageController(
            Reads reads, ExpulsionsQueries expulsions, ExpulsionTrends trends, ObjectMapper json, Clock clock) {
        this.reads = reads;
        this.expulsions = expulsions;
        this.trends = trends;
        this.json = json;
        this.clock = clock;
    }

    @GetMapping("/expulsions")
    String expulsions(
            @RequestParam(required = false) String a,
            @RequestParam(required = false) String b,
            ReadPosition read,
            Model model)
            throws JsonProcessingException {
        CountryCode first = QueryParams.country("a", a);
        CountryCode second = QueryParams.country("b", b);
        if ((first == null) != (second == null)) {
            throw new QueryParameterException(first == null ? "a" : "b", "name both states of the pair, or neither");
        }
        if (first != null && first.equals(second)) {
            throw new QueryParameterException("b", "names the same state as a; expulsions are between two states");
        }
        LocalDate day = read.day(null, clock);
        ReadView view = reads.await(ExpulsionsProjection.NAME, read);
        List<ExpulsionView> list = expulsions
                .list(
                        view,
                        new ExpulsionsQueries.Filter(null, null, first, null, null, null, null, null, day),
                        PageQuery.of(
                                0,
                                PageQuery.MAX_SIZE,
                                null,
                                false,
                                ExpulsionsQueries.SORTABLE,
                                ExpulsionsQueries.DEFAULT_SORT))
                .items();
        if (first != null) {
            list = list.stream()
                    .filter(x ->
                            x.declaredBy().equals(second.value()) || x.against().equals(second.value()))
                    .toList();
        }
        List<ExpulsionTrendRow> trend = List.of();
        if (first != null && !list.isEmpty()) {
            trend = trends.trends(
                            view,
                            first,
                            second,
                            null,
                            null,
                            PageQuery.of(
                                    0,
                                    PageQuery.MAX_SIZE,
                                    null,
                                    false,
                                    ExpulsionTrends.SORTABLE,
                                    ExpulsionTrends.DEFAULT_SORT))
                    .items();
        }
        Map<String, Object> chart = new LinkedHashMap<>();
        chart.put("years", trend.stream().map(ExpulsionTrendRow::year).toList());
        chart.put("aToB", trend.stream().map(ExpulsionTrendRow::aToB).toList());
        chart.put("bToA", trend.stream().map(row -> -row.bToA()).toList());
        chart.put("balance", trend.stream().map(ExpulsionTrendRow::balance).toList());
        chart.put("a", first == null ? "" : first.value());
        chart.put("b", second == null ? "" : second.value());
        int firstYear =
                list.stream().mapToInt(x -> x.effectiveDate().getYear()).min().orElse(day.getYear() - 10);
        TimeControls time = TimeControls.of(read, LocalDate.now(clock), firstYear);
        model.addAttribute("time", time);
        model.addAttribute("path", "/expulsions");
        Map<String, String> extra = new LinkedHashMap<>();
        if (first != null) {
            extra.put("a", first.value());
            extra.put("b", second.value());
        }
        model.addAttribute("extraParams", extra);
        model.addAttribute("a", first == null ? null : first.value());
        model.addAttribute("b", second == null ? null : second.value());
        model.addAttribute("expulsions", list);
        model.addAttribute("trend", trend);
        model.addAttribute("chartJson", json.writeValueAsString(chart).replace("<", "\\u003c"));
        return "expulsions";
    }
}

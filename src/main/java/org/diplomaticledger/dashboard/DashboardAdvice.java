package org.diplomaticledger.dashboard;

import jakarta.servlet.http.HttpServletResponse;
import org.diplomaticledger.projection.QueryParameterException;
import org.diplomaticledger.projection.Reads;
import org.diplomaticledger.projection.ResourceNotFound;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.core.Authentication;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * The dashboard's pages answer a bad link (a date outside the ledger's time, an unknown state) with a page saying
 * what is wrong, not the API's problem+json; and every page knows who is signed in and which pages they reach.
 * Ordered first, and for the dashboard's controllers only, so that the API's advice stays as it is.
 */
@ControllerAdvice(basePackageClasses = DashboardAdvice.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class DashboardAdvice {

    @ModelAttribute
    void user(Authentication user, Model model) {
        model.addAttribute("user", user == null ? null : user.getName());
        model.addAttribute("canRead", Roles.reads(user));
        model.addAttribute("canAudit", Roles.audits(user));
        model.addAttribute("canFeed", Roles.feeds(user));
        model.addAttribute("canRecord", Roles.records(user));
    }

    @ExceptionHandler(QueryParameterException.class)
    String badQuery(QueryParameterException e, HttpServletResponse response, Model model) {
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        model.addAttribute("title", "This link asks for something the ledger cannot show");
        model.addAttribute("message", e.getMessage());
        return "problem";
    }

    @ExceptionHandler(ResourceNotFound.class)
    String notFound(ResourceNotFound e, HttpServletResponse response, Model model) {
        response.setStatus(HttpServletResponse.SC_NOT_FOUND);
        model.addAttribute("title", "Not in the ledger");
        model.addAttribute("message", e.getMessage());
        return "problem";
    }

    @ExceptionHandler(Reads.ProjectionBehind.class)
    String behind(Reads.ProjectionBehind e, HttpServletResponse response, Model model) {
        response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        model.addAttribute("title", "The ledger is catching up");
        model.addAttribute("message", e.getMessage());
        return "problem";
    }
}

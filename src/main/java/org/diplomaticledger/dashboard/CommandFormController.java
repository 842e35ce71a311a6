package org.diplomaticledger.dashboard;

import io.swagger.v3.oas.annotations.Hidden;
import java.util.UUID;
import org.diplomaticledger.projection.ResourceNotFound;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The clerk's pages for recording a fact (CLERK; docs/dashboard.md): {@code /record} lists the commands a clerk may
 * send, by group, and {@code /record/{CommandName}} shows the command's form, generated from its JSON Schema
 * ({@link CommandForms}). The form's script sends the command as JSON to {@code POST /record/{CommandName}}, the API's
 * write path under the browser's session, and shows the answer: the receipt, or the problem's detail above the form
 * and each named field's error beside that field.
 */
@Hidden
@Controller
class CommandFormController {

    private final CommandForms forms;

    CommandFormController(CommandForms forms) {
        this.forms = forms;
    }

    @GetMapping("/record")
    String commands(Model model) {
        model.addAttribute("groups", forms.groups());
        return "record";
    }

    @GetMapping("/record/{command}")
    String form(@PathVariable String command, Model model) {
        CommandForms.Form form = forms.form(command)
                .orElseThrow(() -> new ResourceNotFound(
                        "no form for '" + command + "': a clerk's commands are listed at /record"));
        model.addAttribute("form", form);
        // One key per page drawn: a form sent twice (a double click, a retry) writes once; each fact recorded on
        // the page takes the next key (the script adds a counter).
        model.addAttribute("idempotencyKey", "form-" + UUID.randomUUID());
        return "command-form";
    }
}

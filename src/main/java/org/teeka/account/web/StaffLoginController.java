package org.teeka.account.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

@Controller
class StaffLoginController {

    @GetMapping("/staff/login")
    String login() {
        return "account/login";
    }
}

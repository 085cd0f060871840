package org.teeka.platform.web;

import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;

/**
 * Forms bind to immutable records through their constructor only. Without this, Spring would
 * follow constructor binding with property binding and try to write into the record's
 * collections; and blank text fields become null, so "required" means "not blank".
 */
@ControllerAdvice
class FormBinding {

    @InitBinder
    void constructorOnly(WebDataBinder binder) {
        binder.setDeclarativeBinding(true);
        binder.registerCustomEditor(String.class, new org.springframework.beans.propertyeditors.StringTrimmerEditor(true));
    }
}

package org.teeka.platform.web;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Configuration;
import org.springframework.validation.Errors;
import org.springframework.validation.SmartValidator;
import org.springframework.validation.Validator;
import org.springframework.validation.beanvalidation.LocalValidatorFactoryBean;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Pages validate forms with the application's bean validator, able to check one value on its own.
 * Spring Boot's MVC validator wraps it in an adapter that cannot; with forms bound through record
 * constructors (see {@link FormBinding}) one field that failed to convert, such as letters in a
 * number, then hid every other field's error. A validator that is not itself a bean validator is
 * used as it is, so this one is a plain delegate.
 */
@Configuration(proxyBeanMethods = false)
class FormValidation implements WebMvcConfigurer {

    private final ObjectProvider<LocalValidatorFactoryBean> validator;

    FormValidation(ObjectProvider<LocalValidatorFactoryBean> validator) {
        this.validator = validator;
    }

    @Override
    public Validator getValidator() {
        LocalValidatorFactoryBean target = validator.getIfUnique();
        return target == null ? null : new ValueCheckingValidator(target);
    }

    private record ValueCheckingValidator(SmartValidator target) implements SmartValidator {

        @Override
        public boolean supports(Class<?> type) {
            return target.supports(type);
        }

        @Override
        public void validate(Object object, Errors errors) {
            target.validate(object, errors);
        }

        @Override
        public void validate(Object object, Errors errors, Object... hints) {
            target.validate(object, errors, hints);
        }

        @Override
        public void validateValue(Class<?> type, String field, Object value, Errors errors, Object... hints) {
            target.validateValue(type, field, value, errors, hints);
        }
    }
}

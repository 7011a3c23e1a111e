package io.chatcases.contacts.domain;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * The annotated string is an address {@link EmailAddress} accepts; the violation says what is wrong
 * with it. Null and blank pass: pair it with {@code @NotBlank} where the address is required.
 */
@Documented
@Constraint(validatedBy = ValidEmail.Validator.class)
@Target({FIELD, PARAMETER, RECORD_COMPONENT, TYPE_USE})
@Retention(RUNTIME)
public @interface ValidEmail {
    String message() default "is not a valid email address";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<ValidEmail, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null || value.isBlank()) {
                return true;
            }
            return EmailAddress.check(value)
                    .map(
                            reason -> {
                                context.disableDefaultConstraintViolation();
                                context.buildConstraintViolationWithTemplate(escape(reason))
                                        .addConstraintViolation();
                                return false;
                            })
                    .orElse(true);
        }

        /** The reasons are our own text, but message templates treat { } $ \ specially. */
        private static String escape(String s) {
            return s.replaceAll("([{}$\\\\])", "\\\\$1");
        }
    }
}

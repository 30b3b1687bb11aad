package dev.library.book.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Year;
import java.time.ZoneOffset;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/** A year of publication: from 1450 (Gutenberg) to next year (announced books). */
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = PublicationYear.Validator.class)
public @interface PublicationYear {

    int FIRST = 1450;

    String message() default "must be from 1450 to next year";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<PublicationYear, Integer> {
        @Override
        public boolean isValid(Integer year, ConstraintValidatorContext context) {
            return year == null || (year >= FIRST && year <= Year.now(ZoneOffset.UTC).getValue() + 1);
        }
    }
}

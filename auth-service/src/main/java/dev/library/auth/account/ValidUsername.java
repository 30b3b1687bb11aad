package dev.library.auth.account;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * A username as sign-up takes it: {@link Usernames#PATTERN} once lower-cased. Its own constraint
 * (not {@code @Pattern}) so that the API description states the pattern clients may send
 * (upper case included), not the folded one.
 */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = ValidUsername.Validator.class)
public @interface ValidUsername {

    String message() default "must be 3 to 32 characters of a-z, 0-9, '.', '_' or '-'";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<ValidUsername, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || Usernames.canonical(value).matches(Usernames.PATTERN);
        }
    }
}

import {
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
  useId,
} from "react";
import { cx } from "./cx";

export type ControlProps = {
  id: string;
  "aria-describedby"?: string;
  "aria-invalid"?: true;
};

const control =
  "block w-full rounded-md border bg-white px-3 text-sm text-stone-900 shadow-sm placeholder:text-stone-400 focus:outline-2 focus:outline-offset-0 focus:outline-teal-700 disabled:bg-stone-100 disabled:text-stone-500";
const controlBorder = (invalid?: boolean) => (invalid ? "border-red-500" : "border-stone-300");

/**
 * A labelled form control with an optional hint and error, wired for screen readers. `after`
 * goes under the control (e.g. what a review says of it); `describedBy` names more elements that
 * describe it.
 */
export function Field({
  label,
  hint,
  error,
  className,
  optional,
  after,
  describedBy: more,
  children,
}: {
  label: ReactNode;
  hint?: ReactNode;
  error?: string | null;
  className?: string;
  optional?: boolean;
  after?: ReactNode;
  describedBy?: string;
  children: (props: ControlProps) => ReactNode;
}) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId, more].filter(Boolean).join(" ") || undefined;
  return (
    <div className={cx("space-y-1.5", className)}>
      <label htmlFor={id} className="block text-sm font-medium text-stone-800">
        {label}
        {optional ? <span className="ml-1 font-normal text-stone-500">(optional)</span> : null}
      </label>
      {children({
        id,
        "aria-describedby": describedBy,
        "aria-invalid": error ? true : undefined,
      })}
      {hint ? (
        <p id={hintId} className="text-sm text-stone-600">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={errorId} className="text-sm font-medium text-red-700">
          {error}
        </p>
      ) : null}
      {after}
    </div>
  );
}

export function Input({ className, ...rest }: InputHTMLAttributes<HTMLInputElement>) {
  return (
    <input
      className={cx(control, "h-10", controlBorder(Boolean(rest["aria-invalid"])), className)}
      {...rest}
    />
  );
}

export function Select({ className, ...rest }: SelectHTMLAttributes<HTMLSelectElement>) {
  return (
    <select
      className={cx(control, "h-10 pr-8", controlBorder(Boolean(rest["aria-invalid"])), className)}
      {...rest}
    />
  );
}

export function TextArea({ className, ...rest }: TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return (
    <textarea
      className={cx(control, "py-2", controlBorder(Boolean(rest["aria-invalid"])), className)}
      {...rest}
    />
  );
}

/** A text input with its label: the common case. */
export function TextField({
  label,
  hint,
  error,
  optional,
  className,
  after,
  describedBy,
  ...input
}: InputHTMLAttributes<HTMLInputElement> & {
  label: ReactNode;
  hint?: ReactNode;
  error?: string | null;
  optional?: boolean;
  after?: ReactNode;
  describedBy?: string;
}) {
  return (
    <Field
      label={label}
      hint={hint}
      error={error}
      optional={optional}
      className={className}
      after={after}
      describedBy={describedBy}
    >
      {(p) => <Input {...input} {...p} />}
    </Field>
  );
}

/** A checkbox with its label beside it, and an optional hint underneath. */
export function Checkbox({
  label,
  hint,
  className,
  ...input
}: Omit<InputHTMLAttributes<HTMLInputElement>, "type"> & { label: ReactNode; hint?: ReactNode }) {
  const id = useId();
  return (
    <div className={cx("flex items-start gap-3", className)}>
      <input
        id={id}
        type="checkbox"
        className="mt-0.5 size-4 shrink-0 rounded border-stone-400 accent-teal-700"
        aria-describedby={hint ? `${id}-hint` : undefined}
        {...input}
      />
      <div className="text-sm">
        <label htmlFor={id} className="font-medium text-stone-800">
          {label}
        </label>
        {hint ? (
          <p id={`${id}-hint`} className="text-stone-600">
            {hint}
          </p>
        ) : null}
      </div>
    </div>
  );
}

/** A radio button with its label. */
export function Radio({
  label,
  hint,
  className,
  ...input
}: Omit<InputHTMLAttributes<HTMLInputElement>, "type"> & { label: ReactNode; hint?: ReactNode }) {
  const id = useId();
  return (
    <div className={cx("flex items-start gap-3", className)}>
      <input
        id={id}
        type="radio"
        className="mt-0.5 size-4 shrink-0 accent-teal-700"
        aria-describedby={hint ? `${id}-hint` : undefined}
        {...input}
      />
      <div className="text-sm">
        <label htmlFor={id} className="font-medium text-stone-800">
          {label}
        </label>
        {hint ? (
          <p id={`${id}-hint`} className="text-stone-600">
            {hint}
          </p>
        ) : null}
      </div>
    </div>
  );
}

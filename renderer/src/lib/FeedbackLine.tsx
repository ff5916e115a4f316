/** The outcome of a user's action, in one line. */
export interface Feedback {
  error: boolean;
  text: string;
}

/** An error is announced as an alert; anything else as a polite status. */
export function FeedbackLine({ feedback, testId }: { feedback: Feedback | null; testId?: string }) {
  if (feedback === null) return null;
  return (
    <p
      className={feedback.error ? 'field-error' : 'muted'}
      role={feedback.error ? 'alert' : 'status'}
      data-testid={testId}
    >
      {feedback.text}
    </p>
  );
}

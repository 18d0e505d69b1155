import './inline-alert.css';

interface InlineAlertProps {
  message: string;
  testId?: string;
}

/** An error shown in place; role="alert" makes screen readers announce it when it appears. */
export function InlineAlert({ message, testId }: InlineAlertProps) {
  return (
    <p className="alert" role="alert" data-testid={testId}>
      {message}
    </p>
  );
}

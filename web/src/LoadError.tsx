// What a screen shows when its data could not be loaded: why, and a button to try again.

interface Props {
  title: string;
  message: string;
  retry: string;
  onRetry: () => void;
}

export function LoadError({ title, message, retry, onRetry }: Props) {
  return (
    <div class="error-state" role="alert">
      <h2>{title}</h2>
      <p>{message}</p>
      <button type="button" class="button" onClick={onRetry}>
        {retry}
      </button>
    </div>
  );
}

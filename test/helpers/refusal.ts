import { expect } from 'vitest';
import { AppError } from '../../src/app/app-error.ts';

/** The AppError a use case refused with; fails the test when it succeeded or threw anything else. */
export async function refusal(work: Promise<unknown>): Promise<AppError> {
  const error = await work.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { LazyTooltip } from './LazyTooltip';

describe('LazyTooltip', () => {
  it('names its child with the title as a closed Tooltip does, and opens on hover', async () => {
    render(
      <LazyTooltip title="Rollback (replaced 1.2.0)">
        <span role="img">↶</span>
      </LazyTooltip>,
    );
    const mark = screen.getByRole('img', { name: 'Rollback (replaced 1.2.0)' });
    expect(screen.queryByRole('tooltip')).toBeNull();
    await userEvent.hover(mark);
    expect(await screen.findByRole('tooltip')).toHaveTextContent(
      'Rollback (replaced 1.2.0)',
    );
    await userEvent.unhover(mark);
    await waitFor(() => expect(screen.queryByRole('tooltip')).toBeNull());
  });

  it('with describeChild: the title describes the child, and keyboard focus opens it', async () => {
    render(
      <LazyTooltip describeChild title="2025-03-14 09:30 UTC">
        <button>3 days ago</button>
      </LazyTooltip>,
    );
    const button = screen.getByRole('button', { name: '3 days ago' });
    expect(button).toHaveAttribute('title', '2025-03-14 09:30 UTC');
    await userEvent.tab();
    expect(button).toHaveFocus();
    const tooltip = await screen.findByRole('tooltip');
    expect(tooltip).toHaveTextContent('2025-03-14 09:30 UTC');
    expect(button).toHaveAttribute('aria-describedby', tooltip.id);
  });

  it('does not open when the pointer leaves before the delay', async () => {
    jest.useFakeTimers();
    try {
      render(
        <LazyTooltip title="Lockstep">
          <span role="img">⛓</span>
        </LazyTooltip>,
      );
      const mark = screen.getByRole('img', { name: 'Lockstep' });
      const user = userEvent.setup({ advanceTimers: jest.advanceTimersByTime });
      await user.hover(mark);
      await user.unhover(mark);
      jest.advanceTimersByTime(1000);
      expect(screen.queryByRole('tooltip')).toBeNull();
    } finally {
      jest.useRealTimers();
    }
  });
});

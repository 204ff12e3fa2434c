import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ImpactChip } from './ImpactChip';

describe('ImpactChip', () => {
  it('names the level, described by its meaning, which opens as a tooltip on hover', async () => {
    render(
      <>
        <ImpactChip impact="blocked" />
        <ImpactChip impact="waits" label="3 waits" />
      </>,
    );
    const blocked = screen.getByText('blocked').closest('.MuiChip-root')!;
    expect(blocked).toHaveAttribute('title', 'blocked: the flow stops');
    expect(screen.getByText('3 waits')).toBeInTheDocument();
    // No tooltip (nor its popper) until one is opened.
    expect(screen.queryByRole('tooltip')).toBeNull();
    await userEvent.hover(blocked);
    expect(await screen.findByRole('tooltip')).toHaveTextContent(
      'blocked: the flow stops',
    );
  });
});

import { useState } from 'react';
import Tooltip, { TooltipProps } from '@mui/material/Tooltip';

/** Stands in for the tooltip's popper until the tooltip first opens. */
const NoPopper = () => null;

/**
 * MUI's Tooltip (same props, same behaviour: hover, keyboard focus, touch, delays, the title
 * as the child's name or description) whose popper is created when it first opens: a closed
 * Tooltip still renders a styled Popper, which a grid of hundreds of marks and dates pays on
 * every load though few of them are ever opened.
 * @internal
 */
export const LazyTooltip = ({ onOpen, slots, ...props }: TooltipProps) => {
  const [opened, setOpened] = useState(false);
  return (
    <Tooltip
      {...props}
      onOpen={event => {
        setOpened(true);
        onOpen?.(event);
      }}
      slots={opened ? slots : { ...slots, popper: NoPopper }}
    />
  );
};

import { describe, expect, it } from 'vitest';
import { tidyMessage } from './use-knowledge-labels.ts';

describe('tidyMessage', () => {
  it('drops the file name already on screen and starts the sentence with a capital', () => {
    expect(tidyMessage('empty.txt: the file is empty.', 'empty.txt')).toBe('The file is empty.');
    expect(tidyMessage('the file contains no text.')).toBe('The file contains no text.');
    expect(tidyMessage('a.txt: the file is empty.', 'b.txt')).toBe('A.txt: the file is empty.');
  });
});
